package dev.connector.autoconfigure.metrics;

import dev.connector.ConnectorRegistry;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Connection-pool gauges per client ({@link ConnectorPoolMeterBinder}), when Micrometer is on
 * the classpath. Spring Boot's metrics auto-configuration binds them to every
 * {@code MeterRegistry} of the application; without it the binder is inert.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ConnectorAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
public class ConnectorPoolMetricsAutoConfiguration {

	@Bean
	@ConditionalOnBean(ConnectorRegistry.class)
	@ConditionalOnMissingBean
	ConnectorPoolMeterBinder connectorPoolMeterBinder(ConnectorRegistry connectors) {
		return new ConnectorPoolMeterBinder(connectors);
	}

}
