package dev.connector.autoconfigure;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ServerErrorException;
import dev.connector.autoconfigure.diagnostics.ConnectorConfigurationFailureAnalyzer;
import dev.connector.test.LoopbackServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The clients' Resilience4j instances live in the application's registries (those of
 * resilience4j-spring-boot3), and a client may reuse an instance configured there.
 */
class ConnectorResilienceAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.resilience4j());

	@AutoClose
	private LoopbackServer server;


	@Test
	void clientInstancesAreRegisteredInTheApplicationsRegistries() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.clients.payments.circuit-breaker.enabled=true",
					"connector.clients.payments.circuit-breaker.failure-rate-threshold=25")
			.run((context) -> {
				context.getBean(Connector.class);
				assertThat(context.getBean(RetryRegistry.class).find("payments")).isPresent();
				assertThat(context.getBean(CircuitBreakerRegistry.class).find("payments")).hasValueSatisfying(
						(breaker) -> assertThat(breaker.getCircuitBreakerConfig().getFailureRateThreshold())
							.isEqualTo(25f));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http", "netty" })
	void clientReferencingASharedRetryInstanceUsesItsConfig(String transport) {
		this.server = LoopbackServer.start((request, response) -> response.status(503).send());
		this.contextRunner
			.withPropertyValues("resilience4j.retry.instances.shared.max-attempts=5",
					"resilience4j.retry.instances.shared.wait-duration=10ms",
					"connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.retry.instance=shared",
					"connector.clients.payments.transport=" + transport)
			.run((context) -> {
				assertThatExceptionOfType(ServerErrorException.class)
					.isThrownBy(() -> context.getBean(Connector.class)
						.blocking()
						.request(ConnectorRequest.get("/charges").build()))
					.satisfies((error) -> assertThat(error.getAttempts()).isEqualTo(5));
				assertThat(this.server.requests()).hasSize(5);
				assertThat(context.getBean(RetryRegistry.class).find("payments")).isPresent();
			});
	}

	@Test
	void referenceToAnUnknownInstanceNamesThePropertyAndTheFix() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.clients.payments.retry.instance=nowhere")
			.run((context) -> {
				FailureAnalysis analysis = new ConnectorConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: connector.clients.payments.retry.instance")
					.contains("no Resilience4j instance or configuration named 'nowhere'");
				assertThat(analysis.getAction()).contains("resilience4j.retry.instances.nowhere");
			});
	}

	@Test
	void resilienceSettingsMergeOverDefaults() {
		this.contextRunner
			.withPropertyValues("connector.defaults.bulkhead.enabled=true",
					"connector.defaults.bulkhead.max-concurrent-calls=7",
					"connector.defaults.rate-limiter.limit-refresh-period=2s",
					"connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.clients.payments.bulkhead.max-concurrent-calls=3",
					"connector.clients.payments.attempt-timeout=750ms")
			.run((context) -> {
				var settings = context.getBean(ConnectorFactory.class).settings().get("payments");
				assertThat(settings.bulkhead().enabled()).isTrue();
				assertThat(settings.bulkhead().maxConcurrentCalls()).isEqualTo(3);
				assertThat(settings.rateLimiter().enabled()).isFalse();
				assertThat(settings.rateLimiter().limitRefreshPeriod()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.attemptTimeout()).isEqualTo(Duration.ofMillis(750));
			});
	}

}
