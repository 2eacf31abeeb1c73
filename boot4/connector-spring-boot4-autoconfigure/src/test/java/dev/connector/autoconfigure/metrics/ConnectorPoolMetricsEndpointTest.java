package dev.connector.autoconfigure.metrics;

import java.util.List;

import dev.connector.autoconfigure.BootLine;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator's metrics endpoint lists the connection-pool gauges with the client tag, over
 * Boot 4's {@code MetricsEndpoint} (in {@code spring-boot-micrometer-metrics}); the Boot 3
 * module has the same test over Boot 3's.
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
			MetricsEndpoint metrics = new MetricsEndpoint(context.getBean(MeterRegistry.class));
			assertThat(metrics.listNames().getNames()).contains("connector.pool.active.connections",
					"connector.pool.idle.connections", "connector.pool.pending.connections",
					"connector.pool.max.connections");
			MetricsEndpoint.MetricDescriptor max = metrics.metric("connector.pool.max.connections",
					List.of("client:payments"));
			assertThat(max.getMeasurements()).singleElement()
				.satisfies((sample) -> assertThat(sample.getValue()).isEqualTo(7));
			assertThat(metrics.metric("connector.pool.max.connections", null).getAvailableTags())
				.anySatisfy((tag) -> assertThat(tag.getTag()).isEqualTo("client"));
		});
	}

}
