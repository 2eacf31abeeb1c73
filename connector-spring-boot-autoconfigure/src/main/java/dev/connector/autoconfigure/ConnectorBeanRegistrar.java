package dev.connector.autoconfigure;

import java.util.Map;

import dev.connector.ConfigurationException;
import dev.connector.Connector;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link Connector} bean per {@code connector.clients.<name>}: named after the
 * client, with a {@code @Qualifier} of that name, primary when it is the
 * {@code connector.default-client}, and closed with the context. A {@code Connector} bean of
 * the same name that the application declared itself wins, and none is registered for that
 * client. A bean of that name whose type cannot be a {@code Connector} (told from its
 * definition, without creating it) stops start-up with a {@link ConfigurationException}
 * rather than hiding the client.
 * <p>
 * Each client is a bean definition with a factory method ({@link ConnectorFactory#create}
 * on the {@code connectorFactory} bean, its name as argument), not an instance supplier, so
 * that Spring AOT can write its registration out as code. In an AOT-processed application
 * this registrar has run at build time: the set of clients is the one the build saw.
 */
class ConnectorBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	/**
	 * The name of the {@link ConnectorFactory} bean the clients are created by, which
	 * {@link ConnectorAutoConfiguration} declares.
	 */
	static final String CONNECTOR_FACTORY_BEAN = "connectorFactory";

	private Environment environment;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Binder binder = Binder.get(this.environment);
		Map<String, ClientProperties> clients = binder
			.bind(ClientSettingsResolver.PREFIX + ".clients", Bindable.mapOf(String.class, ClientProperties.class))
			.orElse(Map.of());
		String defaultClient = binder.bind(ClientSettingsResolver.PREFIX + ".default-client", String.class)
			.orElse(null);
		for (String name : clients.keySet()) {
			if (registry.containsBeanDefinition(name)) {
				checkMayBeConnector(name);
				continue;
			}
			// a factory method on the factory bean rather than an instance supplier, so that
			// Spring AOT can generate the registration code for it
			RootBeanDefinition definition = new RootBeanDefinition(Connector.class);
			definition.setFactoryBeanName(CONNECTOR_FACTORY_BEAN);
			definition.setFactoryMethodName("create");
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			definition.setPrimary(name.equals(defaultClient));
			definition.setDestroyMethodName("close");
			registry.registerBeanDefinition(name, definition);
		}
	}

	/**
	 * Fail when the application's bean of a client's name is of a type no
	 * {@code Connector} can have. A type that cannot be predicted, or a supertype such as
	 * {@code Object}, is given the benefit of the doubt.
	 */
	private void checkMayBeConnector(String name) {
		if (!(this.beanFactory instanceof ConfigurableListableBeanFactory factory)) {
			return;
		}
		Class<?> type = factory.getType(name, false);
		if (type == null || Connector.class.isAssignableFrom(type) || type.isAssignableFrom(Connector.class)) {
			return;
		}
		String origin = factory.getMergedBeanDefinition(name).getResourceDescription();
		throw new ConfigurationException(name, ClientSettingsResolver.PREFIX + ".clients." + name,
				"a bean named '" + name + "' of type " + type.getName()
						+ ((origin != null) ? " (defined in " + origin + ")" : "")
						+ " already exists and is not a Connector, so client '" + name + "' cannot take its name",
				"Rename the bean or the client so that their names differ, or, to supply client '" + name
						+ "' yourself, make that bean a Connector.");
	}

}
