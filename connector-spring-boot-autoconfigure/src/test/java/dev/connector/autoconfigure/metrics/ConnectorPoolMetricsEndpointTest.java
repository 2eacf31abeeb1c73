package dev.connector.autoconfigure.metrics;

import dev.connector.autoconfigure.BootLine;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator's metrics endpoint lists the connection-pool gauges with the client tag, on both
 * Boot lines (the endpoint's class moved between them; {@link BootLine#metricNames} and its
 * siblings name it).
 */
class ConnectorPoolMetricsEndpointTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class,
				ConnectorPoolMetricsAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.metrics())
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
				"connector.clients.payments.pool.max-connections=7");

	@Test
	void poolGaugesAreListedByTheMetricsEndpointWithTheClientTag() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(BootLine.metricNames(registry)).contains("connector.pool.active.connections",
					"connector.pool.idle.connections", "connector.pool.pending.connections",
					"connector.pool.max.connections");
			assertThat(BootLine.metricValues(registry, "connector.pool.max.connections", "client:payments"))
				.containsExactly(7.0);
			assertThat(BootLine.metricTagKeys(registry, "connector.pool.max.connections")).contains("client");
		});
	}

}
