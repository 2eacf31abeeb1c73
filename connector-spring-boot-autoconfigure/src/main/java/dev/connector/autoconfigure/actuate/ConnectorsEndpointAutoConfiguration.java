package dev.connector.autoconfigure.actuate;

import java.util.Set;

import dev.connector.ConnectorRegistry;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code connectors} endpoint, when Spring Boot Actuator is on the classpath and the
 * endpoint is available (enabled and exposed).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ConnectorAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
public class ConnectorsEndpointAutoConfiguration {

	/**
	 * Nested, so that its actuator conditions are only read when actuator is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ConnectorRegistry.class)
	@ConditionalOnAvailableEndpoint(endpoint = ConnectorsEndpoint.class)
	@EnableConfigurationProperties(ConnectorsEndpointProperties.class)
	static class ConnectorsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConnectorsEndpoint connectorsEndpoint(ConnectorRegistry connectors, ConnectorsEndpointProperties properties,
				ObjectProvider<SanitizingFunction> sanitizingFunctions) {
			return new ConnectorsEndpoint(connectors, new Sanitizer(sanitizingFunctions.orderedStream().toList()),
					properties.getShowValues(), properties.getRoles());
		}

	}

	/**
	 * Settings of the {@code connectors} endpoint.
	 */
	@ConfigurationProperties("management.endpoint.connectors")
	public static class ConnectorsEndpointProperties {

		/**
		 * When to show secret values (redacted headers) unmasked.
		 */
		private Show showValues = Show.NEVER;

		/**
		 * Roles allowed to see secret values when show-values is when-authorized.
		 */
		private Set<String> roles = Set.of();

		public Show getShowValues() {
			return this.showValues;
		}

		public void setShowValues(Show showValues) {
			this.showValues = showValues;
		}

		public Set<String> getRoles() {
			return this.roles;
		}

		public void setRoles(Set<String> roles) {
			this.roles = roles;
		}

	}

}
