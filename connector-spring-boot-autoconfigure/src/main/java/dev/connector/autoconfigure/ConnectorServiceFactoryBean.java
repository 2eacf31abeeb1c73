package dev.connector.autoconfigure;

import dev.connector.Connector;
import dev.connector.service.ConnectorServices;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartFactoryBean;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

/**
 * Creates the proxy of one {@code @HttpExchange} interface for one client, registered by
 * {@link ConnectorServicesRegistrar}.
 *
 * @param <S> the interface
 */
class ConnectorServiceFactoryBean<S> implements SmartFactoryBean<S>, BeanFactoryAware {

	private final Class<S> type;

	private final String client;

	private BeanFactory beanFactory;

	ConnectorServiceFactoryBean(Class<S> type, String client) {
		this.type = type;
		this.client = client;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public S getObject() {
		Connector connector;
		try {
			connector = this.beanFactory.getBean(this.client, Connector.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new IllegalStateException("@ImportConnectorServices(client = \"" + this.client + "\") for "
					+ this.type.getName() + " names no client: configure connector.clients." + this.client
					+ " or declare a Connector bean named '" + this.client + "'", ex);
		}
		return ConnectorServices.create(connector, this.type);
	}

	/**
	 * Create the proxy at start-up, so that a client that does not exist stops it.
	 */
	@Override
	public boolean isEagerInit() {
		return true;
	}

	@Override
	public Class<S> getObjectType() {
		return this.type;
	}

}
