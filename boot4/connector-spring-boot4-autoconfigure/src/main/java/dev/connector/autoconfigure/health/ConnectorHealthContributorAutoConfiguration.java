package dev.connector.autoconfigure.health;

import dev.connector.ConnectorRegistry;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.resilience.ResilienceRegistries;

import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code connectors} health contributor (a composite with one entry per client), when Spring Boot Actuator is on the classpath
 * and {@code management.health.connectors.enabled} is not {@code false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ConnectorAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.CompositeReactiveHealthContributor",
		"org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
public class ConnectorHealthContributorAutoConfiguration {

	/**
	 * Nested, so that its actuator conditions are only read when actuator is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ConnectorRegistry.class)
	@ConditionalOnEnabledHealthIndicator("connectors")
	static class ConnectorsHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "connectorsHealthContributor", "connectorsHealthIndicator" })
		ReactiveHealthContributor connectorsHealthContributor(ConnectorRegistry connectors,
				ResilienceRegistries resilience) {
			return new ConnectorsHealthContributor(connectors, resilience);
		}

	}

}
