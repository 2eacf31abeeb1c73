package dev.connector.autoconfigure.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.TransportException;
import dev.connector.autoconfigure.BootLine;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.resilience.ResilienceRegistries;
import dev.connector.test.LoopbackServer;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code connectors} health contributor: one entry per client at its own path, passive
 * failure counting, required versus optional clients, health groups of single clients, the
 * active probe, and its absence without Boot's health module. Over Boot 4's health API
 * ({@code org.springframework.boot.health}); the Boot 3 module has the same test over Boot 3's.
 */
class ConnectorsHealthContributorTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class,
				ConnectorHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.endpoint())
		.withPropertyValues("connector.defaults.retry.enabled=false", "management.endpoint.health.show-details=always");

	private final AtomicBoolean healthy = new AtomicBoolean();

	@AutoClose
	private LoopbackServer server;

	/** A server that resets every connection until it is made healthy. */
	private String flakyServer() {
		this.server = LoopbackServer.start((request, response) -> this.healthy.get()
				? response.sendString(Mono.just("ok")) : LoopbackServer.reset(response));
		return this.server.baseUrl();
	}

	private static CompositeHealthDescriptor connectors(AssertableApplicationContext context) {
		return (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).healthForPath("connectors");
	}

	private static IndicatedHealthDescriptor client(CompositeHealthDescriptor connectors, String client) {
		return (IndicatedHealthDescriptor) connectors.getComponents().get(client);
	}

	private static Map<String, Object> entry(CompositeHealthDescriptor connectors, String client) {
		return client(connectors, client).getDetails();
	}

	private static Status status(CompositeHealthDescriptor connectors, String client) {
		return client(connectors, client).getStatus();
	}

	private static void fail(Connector connector, int times) {
		for (int i = 0; i < times; i++) {
			catchThrowableOfType(TransportException.class,
					() -> connector.blocking().request(ConnectorRequest.get("/").build()));
		}
	}

	@Test
	void clientIsUnknownBeforeItsFirstCallAndUpAfterASuccess() {
		this.healthy.set(true);
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + flakyServer())
			.run((context) -> {
				assertThat(status(connectors(context), "payments")).isEqualTo(Status.UNKNOWN);
				context.getBean(Connector.class).blocking().request(ConnectorRequest.get("/").build());
				CompositeHealthDescriptor health = connectors(context);
				assertThat(status(health, "payments")).isEqualTo(Status.UP);
				assertThat(entry(health, "payments")).containsEntry("transport", "http")
					.containsEntry("baseUrl", this.server.baseUrl())
					.containsEntry("consecutiveFailures", 0)
					.containsKey("lastSuccess");
			});
	}

	@Test
	void downAfterThreeConsecutiveFailuresWithTheLastErrorAndUpAgainAfterOneSuccess() {
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + flakyServer())
			.run((context) -> {
				Connector payments = context.getBean(Connector.class);
				fail(payments, 2);
				assertThat(status(connectors(context), "payments")).isEqualTo(Status.UP);
				fail(payments, 1);
				CompositeHealthDescriptor health = connectors(context);
				assertThat(status(health, "payments")).isEqualTo(ClientHealthIndicator.OPTIONAL_DOWN);
				assertThat(entry(health, "payments")).containsEntry("consecutiveFailures", 3);
				assertThat(entry(health, "payments").get("lastFailure")).asInstanceOf(
						org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsEntry("type", "TransportException")
					.containsKey("time");
				this.healthy.set(true);
				payments.blocking().request(ConnectorRequest.get("/").build());
				assertThat(status(connectors(context), "payments")).isEqualTo(Status.UP);
			});
	}

	@Test
	void optionalClientDownLeavesTheAggregateUp() {
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + flakyServer())
			.run((context) -> {
				fail(context.getBean(Connector.class), 3);
				assertThat(status(connectors(context), "payments")).isEqualTo(ClientHealthIndicator.OPTIONAL_DOWN);
				// OPTIONAL_DOWN is left out of the aggregation: with no other client, nothing is known
				assertThat(connectors(context).getStatus()).isEqualTo(Status.UNKNOWN);
				HealthDescriptor aggregate = context.getBean(HealthEndpoint.class).health();
				assertThat(aggregate.getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void requiredClientDownTakesTheAggregateDown() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + flakyServer(),
					"connector.clients.payments.health.required=true")
			.run((context) -> {
				fail(context.getBean(Connector.class), 3);
				assertThat(connectors(context).getStatus()).isEqualTo(Status.DOWN);
				assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void requiredClientDownIsDownInItsOwnEntry() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + flakyServer(),
					"connector.clients.payments.health.required=true")
			.run((context) -> {
				fail(context.getBean(Connector.class), 3);
				assertThat(status(connectors(context), "payments")).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void eachClientAnswersAtItsOwnPath() {
		this.healthy.set(true);
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + flakyServer(),
					"connector.clients.orders.base-url=http://127.0.0.1:" + LoopbackServer.unusedPort())
			.run((context) -> {
				context.getBean("payments", Connector.class).blocking().request(ConnectorRequest.get("/").build());
				HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
				IndicatedHealthDescriptor payments = (IndicatedHealthDescriptor) endpoint.healthForPath("connectors", "payments");
				assertThat(payments.getStatus()).isEqualTo(Status.UP);
				assertThat(payments.getDetails()).containsEntry("baseUrl", this.server.baseUrl());
				assertThat(endpoint.healthForPath("connectors", "orders").getStatus()).isEqualTo(Status.UNKNOWN);
			});
	}

	@Test
	void healthGroupIncludingOneClientReflectsOnlyThatClient() {
		this.healthy.set(true);
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + flakyServer(),
					"connector.clients.orders.base-url=http://127.0.0.1:" + LoopbackServer.unusedPort(),
					"connector.clients.orders.health.required=true",
					"management.endpoint.health.group.readiness.include=connectors/payments")
			.run((context) -> {
				context.getBean("payments", Connector.class).blocking().request(ConnectorRequest.get("/").build());
				fail(context.getBean("orders", Connector.class), 3);
				HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
				assertThat(endpoint.healthForPath("connectors").getStatus()).isEqualTo(Status.DOWN);
				CompositeHealthDescriptor readiness = (CompositeHealthDescriptor) endpoint.healthForPath("readiness");
				assertThat(readiness.getStatus()).isEqualTo(Status.UP);
				assertThat(readiness.getComponents()).containsOnlyKeys("connectors");
				assertThat(((CompositeHealthDescriptor) readiness.getComponents().get("connectors")).getComponents())
					.containsOnlyKeys("payments");
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
				CompositeHealthDescriptor health = connectors(context);
				assertThat(status(health, "payments")).isEqualTo(ClientHealthIndicator.OPTIONAL_DOWN);
				assertThat(entry(health, "payments").get("probe")).asString().contains("ServerErrorException");
				assertThat(this.server.requests()).extracting(LoopbackServer.RecordedRequest::path)
					.containsExactly("/health");
			});
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
				assertThat(status(connectors(context), "payments")).isEqualTo(ClientHealthIndicator.OPTIONAL_DOWN);
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
				assertThat(status(connectors(context), "payments")).isEqualTo(Status.UP);
				assertThat(status(connectors(context), "payments")).isEqualTo(Status.UP);
				assertThat(this.server.requests()).hasSize(1);
			});
	}

	@Test
	void healthReturnsWithinTheProbeTimeoutWhenTheUpstreamHangs() {
		this.server = LoopbackServer.start((request, response) -> Mono.never());
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.health.probe.path=/health",
					"connector.clients.payments.health.probe.timeout=300ms")
			.run((context) -> {
				long start = System.nanoTime();
				CompositeHealthDescriptor health = connectors(context);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(450));
				assertThat(status(health, "payments")).isEqualTo(ClientHealthIndicator.OPTIONAL_DOWN);
			});
	}

	@Test
	void withoutBootsHealthModuleThereAreNoHealthBeans() {
		// as in an application without spring-boot-health: none of its auto-configurations are listed
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class, ConnectorHealthContributorAutoConfiguration.class))
			.withConfiguration(BootLine.webClient())
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(Connector.class);
				assertThat(context).doesNotHaveBean("connectorsHealthContributor");
			});
	}

}
