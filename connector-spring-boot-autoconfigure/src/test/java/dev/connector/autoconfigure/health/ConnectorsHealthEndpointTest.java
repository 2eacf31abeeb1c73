package dev.connector.autoconfigure.health;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.autoconfigure.BootLine;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code connectors} health contributor as actuator's health endpoint reports it, on
 * both Boot lines ({@link BootLine#health()}): one entry per client at its own path, required
 * versus optional clients in the aggregate, health groups of single clients, one probe per
 * client across requests, and the contributor's absence when disabled or without actuator.
 * What one client's report says is {@link ClientHealthReportTest}'s.
 */
class ConnectorsHealthEndpointTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class,
				ConnectorHealthContributorAutoConfiguration.class))
		.withConfiguration(BootLine.health())
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.endpoint())
		.withPropertyValues("connector.defaults.retry.enabled=false", "management.endpoint.health.show-details=always");

	@AutoClose
	private LoopbackServer server;

	/** A server that resets every connection. */
	private String failingServer() {
		this.server = LoopbackServer.start((request, response) -> LoopbackServer.reset(response));
		return this.server.baseUrl();
	}

	/** A server that answers every request. */
	private String healthyServer() {
		this.server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("ok")));
		return this.server.baseUrl();
	}

	@Test
	void eachClientAnswersAtItsOwnPath() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + healthyServer(),
					"connector.clients.orders.base-url=http://127.0.0.1:" + LoopbackServer.unusedPort())
			.run((context) -> {
				assertThat(BootLine.healthComponents(context, "connectors")).containsOnly("payments", "orders");
				context.getBean("payments", Connector.class).blocking().request(ConnectorRequest.get("/").build());
				assertThat(BootLine.healthStatus(context, "connectors", "payments")).isEqualTo("UP");
				assertThat(BootLine.healthDetails(context, "connectors", "payments"))
					.containsEntry("baseUrl", this.server.baseUrl())
					.containsEntry("consecutiveFailures", 0);
				assertThat(BootLine.healthStatus(context, "connectors", "orders")).isEqualTo("UNKNOWN");
			});
	}

	@Test
	void optionalClientDownLeavesTheAggregateUp() {
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + failingServer())
			.run((context) -> {
				FailedCalls.fail(context.getBean(Connector.class), 3);
				assertThat(BootLine.healthStatus(context, "connectors", "payments")).isEqualTo("OPTIONAL_DOWN");
				// OPTIONAL_DOWN is left out of the aggregation: with no other client, nothing is known
				assertThat(BootLine.healthStatus(context, "connectors")).isEqualTo("UNKNOWN");
				assertThat(BootLine.healthStatus(context)).isEqualTo("UP");
			});
	}

	@Test
	void requiredClientDownTakesItsEntryConnectorsAndTheAggregateDown() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + failingServer(),
					"connector.clients.payments.health.required=true")
			.run((context) -> {
				FailedCalls.fail(context.getBean(Connector.class), 3);
				assertThat(BootLine.healthStatus(context, "connectors", "payments")).isEqualTo("DOWN");
				assertThat(BootLine.healthStatus(context, "connectors")).isEqualTo("DOWN");
				assertThat(BootLine.healthStatus(context)).isEqualTo("DOWN");
			});
	}

	@Test
	void healthGroupIncludingOneClientReflectsOnlyThatClient() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + healthyServer(),
					"connector.clients.orders.base-url=http://127.0.0.1:" + LoopbackServer.unusedPort(),
					"connector.clients.orders.health.required=true",
					"management.endpoint.health.group.readiness.include=connectors/payments")
			.run((context) -> {
				context.getBean("payments", Connector.class).blocking().request(ConnectorRequest.get("/").build());
				FailedCalls.fail(context.getBean("orders", Connector.class), 3);
				assertThat(BootLine.healthStatus(context, "connectors")).isEqualTo("DOWN");
				assertThat(BootLine.healthStatus(context, "readiness")).isEqualTo("UP");
				assertThat(BootLine.healthComponents(context, "readiness")).containsOnly("connectors");
				assertThat(BootLine.healthComponents(context, "readiness", "connectors")).containsOnly("payments");
			});
	}

	@Test
	void probeIsReusedAcrossHealthRequestsWithinItsInterval() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + healthyServer(),
					"connector.clients.payments.health.probe.path=/health",
					"connector.clients.payments.health.probe.interval=1m")
			.run((context) -> {
				assertThat(BootLine.healthStatus(context, "connectors", "payments")).isEqualTo("UP");
				assertThat(BootLine.healthStatus(context, "connectors")).isEqualTo("UP");
				assertThat(BootLine.healthStatus(context)).isEqualTo("UP");
				assertThat(this.server.requests()).hasSize(1);
			});
	}

	@Test
	void disabledConnectorsHealthIndicatorHasNoContributor() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
					"management.health.connectors.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("connectorsHealthContributor");
				assertThat(BootLine.healthStatus(context)).isEqualTo("UP");
			});
	}

	@Test
	void withoutActuatorThereAreNoHealthBeans() {
		// as in an application without actuator: none of its auto-configurations are listed
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class,
					ConnectorHealthContributorAutoConfiguration.class))
			.withConfiguration(BootLine.webClient())
			.withClassLoader(BootLine.withoutHealth())
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(Connector.class);
				assertThat(context).doesNotHaveBean("connectorsHealthContributor");
			});
	}

}
