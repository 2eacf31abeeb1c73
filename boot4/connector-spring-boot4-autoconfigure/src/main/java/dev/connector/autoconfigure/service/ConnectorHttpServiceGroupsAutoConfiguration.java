package dev.connector.autoconfigure.service;

import dev.connector.ConnectorRegistry;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;

/**
 * Spring Boot 4 only: Spring Framework 7's HTTP service groups
 * ({@code @ImportHttpServices}) named after a {@code connector.clients.<name>} client run
 * through that client; see {@link ConnectorHttpServiceGroups}. Both client types are
 * configured, since the group's type only chooses what Connector replaces.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ConnectorAutoConfiguration.class)
@ConditionalOnClass({ HttpServiceProxyRegistry.class, ConnectorRegistry.class })
public class ConnectorHttpServiceGroupsAutoConfiguration {

	@Bean
	ConnectorHttpServiceGroups connectorHttpServiceGroups(ObjectProvider<ConnectorRegistry> connectors) {
		return new ConnectorHttpServiceGroups(connectors);
	}

	@Bean
	RestClientHttpServiceGroupConfigurer connectorRestClientHttpServiceGroupConfigurer(
			ConnectorHttpServiceGroups groups) {
		return groups::configure;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientHttpServiceGroupConfigurer.class)
	static class WebClientGroupsConfiguration {

		@Bean
		WebClientHttpServiceGroupConfigurer connectorWebClientHttpServiceGroupConfigurer(
				ConnectorHttpServiceGroups groups) {
			return groups::configure;
		}

	}

}
