package dev.connector.autoconfigure.metrics;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.autoconfigure.BootLine;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.test.LoopbackServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection-pool gauges: one set per client, tagged with the client's name, bound to the
 * application's meter registry, and listed by actuator's metrics endpoint (whose class moved
 * in Boot 4: {@link BootLine#metricNames} and its siblings name it).
 */
class ConnectorPoolMetricsAutoConfigurationTest {

	@AutoClose
	private final LoopbackServer server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("ok")));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class,
				ConnectorPoolMetricsAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.metrics())
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
				"connector.clients.payments.pool.max-connections=7",
				"connector.clients.orders.base-url=" + this.server.baseUrl());

	private static double gauge(MeterRegistry registry, String name, String client) {
		return registry.get(name).tag("client", client).gauge().value();
	}

	@Test
	void poolGaugesAreTaggedWithTheClientsName() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(gauge(registry, "connector.pool.max.connections", "payments")).isEqualTo(7);
			assertThat(gauge(registry, "connector.pool.max.connections", "orders")).isEqualTo(500);
			assertThat(gauge(registry, "connector.pool.total.connections", "payments")).isZero();
			context.getBean("payments", Connector.class).blocking().request(ConnectorRequest.get("/").build());
			// the connection goes back to the pool on its event loop, just after the response
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(gauge(registry, "connector.pool.total.connections", "payments")).isEqualTo(1);
				assertThat(gauge(registry, "connector.pool.idle.connections", "payments")).isEqualTo(1);
				assertThat(gauge(registry, "connector.pool.active.connections", "payments")).isZero();
			});
			assertThat(gauge(registry, "connector.pool.pending.connections", "payments")).isZero();
			assertThat(gauge(registry, "connector.pool.total.connections", "orders")).isZero();
		});
	}

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

	@Test
	void withoutMicrometerThereIsNoBinder() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConnectorPoolMeterBinder.class));
	}

}
