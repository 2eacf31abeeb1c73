package dev.connector.autoconfigure.health;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.ConnectorRegistry;
import dev.connector.ConnectorRequest;
import dev.connector.TransportException;
import dev.connector.autoconfigure.BootLine;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.resilience.ResilienceRegistries;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Boot 3's health adapters: {@link ClientHealthIndicator} maps the shared client health
 * reports ({@code ClientHealthReportTest}, shared) to this line's {@code Health} and
 * {@code Status}, and the composite has one indicator per client. What the endpoint makes of
 * them is the shared {@code ConnectorsHealthEndpointTest}'s.
 */
class ConnectorsHealthContributorTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withPropertyValues("connector.defaults.retry.enabled=false");

	@AutoClose
	private LoopbackServer server;

	private String failingServer() {
		this.server = LoopbackServer.start((request, response) -> LoopbackServer.reset(response));
		return this.server.baseUrl();
	}

	private static Health health(AssertableApplicationContext context, String client) {
		ClientHealthIndicator indicator = new ClientHealthIndicator(context.getBean(client, Connector.class),
				context.getBean(ResilienceRegistries.class));
		Health[] health = new Health[1];
		StepVerifier.create(indicator.health())
			.consumeNextWith((next) -> health[0] = next)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		return health[0];
	}

	private static void fail(Connector connector, int times) {
		for (int i = 0; i < times; i++) {
			catchThrowableOfType(TransportException.class,
					() -> connector.blocking().request(ConnectorRequest.get("/").build()));
		}
	}

	@Test
	void indicatorReportsTheStatusCodeAndDetails() {
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> {
				Health health = health(context, "payments");
				assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(health.getDetails()).containsEntry("transport", "http")
					.containsEntry("baseUrl", "http://127.0.0.1:1")
					.containsEntry("consecutiveFailures", 0);
			});
	}

	@Test
	void optionalClientDownIsTheOptionalDownStatusWithItsDescription() {
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + failingServer())
			.run((context) -> {
				fail(context.getBean(Connector.class), 3);
				Status status = health(context, "payments").getStatus();
				assertThat(status).isEqualTo(ClientHealthIndicator.OPTIONAL_DOWN);
				assertThat(status.getCode()).isEqualTo("OPTIONAL_DOWN");
				assertThat(status.getDescription()).contains("optional");
			});
	}

	@Test
	void requiredClientDownIsDown() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + failingServer(),
					"connector.clients.payments.health.required=true")
			.run((context) -> {
				fail(context.getBean(Connector.class), 3);
				assertThat(health(context, "payments").getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void compositeHasOneIndicatorPerClient() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.clients.orders.base-url=http://127.0.0.1:2")
			.run((context) -> {
				ConnectorsHealthContributor connectors = new ConnectorsHealthContributor(
						context.getBean(ConnectorRegistry.class), context.getBean(ResilienceRegistries.class));
				assertThat(connectors.stream().map(NamedContributor::getName).toList()).containsExactlyInAnyOrder("payments", "orders");
				assertThat(connectors.getContributor("payments")).isInstanceOf(ClientHealthIndicator.class)
					.isSameAs(connectors.getContributor("payments"));
				assertThat(connectors.getContributor("unknown")).isNull();
			});
	}

}
