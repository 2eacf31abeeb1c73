package dev.connector.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.connector.Connector;
import dev.connector.ConnectorRegistry;

import org.springframework.beans.factory.BeanFactory;

/**
 * The auto-configured {@link ConnectorRegistry}: looks each configured client up as the
 * bean of its name, so that a client bean the application declared itself is the one found.
 */
final class BeanFactoryConnectorRegistry implements ConnectorRegistry {

	private final Set<String> names;

	private final BeanFactory beanFactory;

	BeanFactoryConnectorRegistry(Set<String> names, BeanFactory beanFactory) {
		this.names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
		this.beanFactory = beanFactory;
	}

	@Override
	public Connector get(String name) {
		if (!this.names.contains(name)) {
			throw ClientSettingsResolver.unknownClient(name, this.names);
		}
		return this.beanFactory.getBean(name, Connector.class);
	}

	@Override
	public Set<String> names() {
		return this.names;
	}

}
