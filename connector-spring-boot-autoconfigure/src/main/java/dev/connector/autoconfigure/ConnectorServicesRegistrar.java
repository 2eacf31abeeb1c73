package dev.connector.autoconfigure;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the beans {@link ImportConnectorServices} asks for: one
 * {@link ConnectorServiceFactoryBean} per interface and client, described by its
 * constructor arguments (a class and a name) rather than an instance supplier, so that
 * Spring AOT can generate code for it.
 */
class ConnectorServicesRegistrar implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (AnnotationAttributes annotation : metadata.getMergedRepeatableAnnotationAttributes(
				ImportConnectorServices.class, ImportConnectorServices.Container.class, false)) {
			register(annotation, registry);
		}
	}

	private static void register(AnnotationAttributes annotation, BeanDefinitionRegistry registry) {
		String client = annotation.getString("client");
		for (Class<?> type : annotation.getClassArray("types")) {
			if (!type.isInterface()) {
				throw new IllegalArgumentException("@ImportConnectorServices(client = \"" + client + "\") names "
						+ type.getName() + ", which is not an interface; list @HttpExchange interfaces in types");
			}
			String name = client + "." + type.getName();
			if (registry.containsBeanDefinition(name)) {
				continue;
			}
			RootBeanDefinition definition = new RootBeanDefinition(ConnectorServiceFactoryBean.class);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(1, client);
			definition.setTargetType(ResolvableType.forClassWithGenerics(ConnectorServiceFactoryBean.class, type));
			definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
			registry.registerBeanDefinition(name, definition);
		}
	}

}
