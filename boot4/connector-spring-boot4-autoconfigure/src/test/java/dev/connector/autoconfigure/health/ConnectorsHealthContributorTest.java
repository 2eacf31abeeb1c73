package dev.connector.autoconfigure.health;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.ConnectorRegistry;
import dev.connector.autoconfigure.BootLine;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.resilience.ResilienceRegistries;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot 4's health adapters: {@link ClientHealthIndicator} maps the shared client health
 * reports ({@code ClientHealthReportTest}) to this line's {@code Health}, with its own
 * {@code OPTIONAL_DOWN} status, and the composite has one indicator per client. The other
 * statuses, paths, groups and the aggregate go through this adapter in the shared
 * {@code ConnectorsHealthEndpointTest}.
 */
class ConnectorsHealthContributorTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withPropertyValues("connector.defaults.retry.enabled=false");

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

	@Test
	void indicatorMapsTheReportToThisLinesHealthWithOptionalDownAndItsDescription() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:" + LoopbackServer.unusedPort())
			.run((context) -> {
				FailedCalls.fail(context.getBean(Connector.class), 3);
				Health health = health(context, "payments");
				assertThat(health.getStatus()).isEqualTo(ClientHealthIndicator.OPTIONAL_DOWN);
				assertThat(health.getStatus().getCode()).isEqualTo(ClientHealthReport.OPTIONAL_DOWN);
				assertThat(health.getStatus().getDescription()).isEqualTo(ClientHealthReport.OPTIONAL_DOWN_DESCRIPTION);
				assertThat(health.getDetails()).containsEntry("transport", "http").containsEntry("consecutiveFailures", 3);
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
				assertThat(connectors.stream().map((entry) -> entry.name()).toList()).containsExactlyInAnyOrder("payments", "orders");
				assertThat(connectors.getContributor("payments")).isInstanceOf(ClientHealthIndicator.class)
					.isSameAs(connectors.getContributor("payments"));
				assertThat(connectors.getContributor("unknown")).isNull();
			});
	}

}
