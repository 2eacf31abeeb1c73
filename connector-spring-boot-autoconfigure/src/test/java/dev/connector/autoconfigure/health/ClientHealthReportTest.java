package dev.connector.autoconfigure.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.autoconfigure.BootLine;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.resilience.ResilienceRegistries;
import dev.connector.test.LoopbackServer;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client's health says, on both Boot lines: {@link ClientHealthReport.Check}'s status
 * code and details for passive failure counting, required versus optional clients, the
 * circuit breaker's state and the active probe (shared, cached, bounded by its timeout).
 * Each line's {@code ConnectorsHealthContributorTest} proves only that its adapter maps the
 * report to that line's health types; {@code ConnectorsHealthEndpointTest} proves the
 * endpoint's paths, groups and aggregate.
 */
class ClientHealthReportTest {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withPropertyValues("connector.defaults.retry.enabled=false");

	private final AtomicBoolean healthy = new AtomicBoolean();

	@AutoClose
	private LoopbackServer server;

	/** A server that resets every connection until it is made healthy. */
	private String flakyServer() {
		this.server = LoopbackServer.start((request, response) -> this.healthy.get()
				? response.sendString(Mono.just("ok")) : LoopbackServer.reset(response));
		return this.server.baseUrl();
	}

	private static ClientHealthReport.Check check(AssertableApplicationContext context, String client) {
		return new ClientHealthReport.Check(context.getBean(client, Connector.class),
				context.getBean(ResilienceRegistries.class));
	}

	private static ClientHealthReport report(ClientHealthReport.Check check) {
		ClientHealthReport[] report = new ClientHealthReport[1];
		StepVerifier.create(check.report()).consumeNextWith((next) -> report[0] = next).expectComplete().verify(PATIENCE);
		return report[0];
	}

	private static void assertReport(ClientHealthReport.Check check, String status,
			Consumer<Map<String, Object>> details) {
		ClientHealthReport report = report(check);
		assertThat(report.status()).isEqualTo(status);
		details.accept(report.details());
	}

	@Test
	void clientIsUnknownBeforeItsFirstCallAndUpAfterASuccess() {
		this.healthy.set(true);
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + flakyServer())
			.run((context) -> {
				ClientHealthReport.Check check = check(context, "payments");
				assertReport(check, ClientHealthReport.UNKNOWN,
						(details) -> assertThat(details).doesNotContainKeys("lastSuccess", "lastFailure"));
				context.getBean(Connector.class).blocking().request(ConnectorRequest.get("/").build());
				assertReport(check, ClientHealthReport.UP, (details) -> assertThat(details)
					.containsEntry("transport", "http")
					.containsEntry("baseUrl", this.server.baseUrl())
					.containsEntry("required", false)
					.containsEntry("consecutiveFailures", 0)
					.containsKey("lastSuccess")
					.doesNotContainKeys("circuitBreaker", "probe"));
			});
	}

	@Test
	void optionalClientIsOptionalDownAfterThreeConsecutiveFailuresWithTheLastErrorAndUpAgainAfterOneSuccess() {
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + flakyServer())
			.run((context) -> {
				Connector payments = context.getBean(Connector.class);
				ClientHealthReport.Check check = check(context, "payments");
				FailedCalls.fail(payments, 2);
				assertThat(report(check).status()).isEqualTo(ClientHealthReport.UP);
				FailedCalls.fail(payments, 1);
				assertReport(check, ClientHealthReport.OPTIONAL_DOWN, (details) -> {
					assertThat(details).containsEntry("consecutiveFailures", 3);
					assertThat(details.get("lastFailure")).asInstanceOf(InstanceOfAssertFactories.MAP)
						.containsEntry("type", "TransportException")
						.containsKeys("time", "message");
				});
				this.healthy.set(true);
				payments.blocking().request(ConnectorRequest.get("/").build());
				assertReport(check, ClientHealthReport.UP,
						(details) -> assertThat(details).containsEntry("consecutiveFailures", 0));
			});
	}

	@Test
	void requiredClientIsDownAfterItsFailureThreshold() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + flakyServer(),
					"connector.clients.payments.health.required=true",
					"connector.clients.payments.health.failure-threshold=2")
			.run((context) -> {
				ClientHealthReport.Check check = check(context, "payments");
				FailedCalls.fail(context.getBean(Connector.class), 1);
				assertThat(report(check).status()).isEqualTo(ClientHealthReport.UP);
				FailedCalls.fail(context.getBean(Connector.class), 1);
				assertReport(check, ClientHealthReport.DOWN,
						(details) -> assertThat(details).containsEntry("required", true));
			});
	}

	@Test
	void detailsIncludeTheCircuitBreakersState() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + flakyServer(),
					"connector.clients.payments.circuit-breaker.enabled=true")
			.run((context) -> {
				ClientHealthReport.Check check = check(context, "payments");
				assertThat(report(check).details()).containsEntry("circuitBreaker", "CLOSED");
				context.getBean(ResilienceRegistries.class).circuitBreakers().find("payments").orElseThrow().transitionToOpenState();
				assertThat(report(check).details()).containsEntry("circuitBreaker", "OPEN");
			});
	}

	@Test
	void probeReportsDownWhenTheProbeEndpointAnswers503() {
		this.server = LoopbackServer.start((request, response) -> request.path().equals("/health")
				? response.status(503).send() : response.sendString(Mono.just("ok")));
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.health.probe.path=/health")
			.run((context) -> {
				assertReport(check(context, "payments"), ClientHealthReport.OPTIONAL_DOWN,
						(details) -> assertThat(details.get("probe")).asInstanceOf(InstanceOfAssertFactories.MAP)
							.containsEntry("path", "/health")
							.extractingByKey("error")
							.asString()
							.contains("ServerErrorException"));
				assertThat(this.server.requests()).extracting(LoopbackServer.RecordedRequest::path)
					.containsExactly("/health");
			});
	}

	@Test
	void probeThatAnswersMakesAnUnusedClientUp() {
		this.server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("ok")));
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.health.probe.path=/health")
			.run((context) -> assertReport(check(context, "payments"), ClientHealthReport.UP,
					(details) -> assertThat(details.get("probe")).asInstanceOf(InstanceOfAssertFactories.MAP)
						.containsEntry("path", "/health")
						.containsEntry("status", 200)));
	}

	@Test
	void probesLeaveTheCircuitBreakerTheRateLimiterAndCallObservationsUntouched() {
		this.server = LoopbackServer.start((request, response) -> response.status(503).send());
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.health.probe.path=/health",
					"connector.clients.payments.circuit-breaker.enabled=true",
					"connector.clients.payments.rate-limiter.enabled=true",
					"connector.clients.payments.rate-limiter.limit-for-period=5",
					"connector.clients.payments.rate-limiter.limit-refresh-period=1h")
			.run((context) -> {
				assertThat(report(check(context, "payments")).status()).isEqualTo(ClientHealthReport.OPTIONAL_DOWN);
				assertThat(this.server.requests()).hasSize(1);
				ResilienceRegistries registries = context.getBean(ResilienceRegistries.class);
				assertThat(registries.circuitBreakers().find("payments").orElseThrow().getMetrics()
					.getNumberOfBufferedCalls()).isZero();
				assertThat(registries.rateLimiters().find("payments").orElseThrow().getMetrics()
					.getAvailablePermissions()).isEqualTo(5);
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.doesNotHaveAnyObservation();
				assertThat(context.getBean("payments", Connector.class).health().isUsed()).isFalse();
			});
	}

	@Test
	void probeIsReusedWithinItsInterval() {
		this.server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("ok")));
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.health.probe.path=/health",
					"connector.clients.payments.health.probe.interval=1m")
			.run((context) -> {
				ClientHealthReport.Check check = check(context, "payments");
				assertThat(report(check).status()).isEqualTo(ClientHealthReport.UP);
				assertThat(report(check).status()).isEqualTo(ClientHealthReport.UP);
				assertThat(this.server.requests()).hasSize(1);
			});
	}

	@Test
	void concurrentChecksShareOneProbe() {
		// the answer is late, so that the second check arrives while the probe is in flight;
		// the interval is short, so that only the sharing can explain a single request
		this.server = LoopbackServer.start((request, response) -> response
			.sendString(Mono.delay(Duration.ofMillis(300)).thenReturn("ok")));
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.health.probe.path=/health",
					"connector.clients.payments.health.probe.interval=1ms")
			.run((context) -> {
				ClientHealthReport.Check check = check(context, "payments");
				StepVerifier.create(Mono.zip(check.report(), check.report()))
					.assertNext((both) -> {
						assertThat(both.getT1().status()).isEqualTo(ClientHealthReport.UP);
						assertThat(both.getT2().status()).isEqualTo(ClientHealthReport.UP);
					})
					.expectComplete()
					.verify(PATIENCE);
				assertThat(this.server.requests()).hasSize(1);
			});
	}

	@Test
	void reportIsReadyWithinTheProbeTimeoutWhenTheUpstreamHangs() {
		this.server = LoopbackServer.start((request, response) -> Mono.never());
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.health.probe.path=/health",
					"connector.clients.payments.health.probe.timeout=300ms")
			.run((context) -> {
				ClientHealthReport.Check check = check(context, "payments");
				long start = System.nanoTime();
				ClientHealthReport report = report(check);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(450));
				assertThat(report.status()).isEqualTo(ClientHealthReport.OPTIONAL_DOWN);
			});
	}

}
