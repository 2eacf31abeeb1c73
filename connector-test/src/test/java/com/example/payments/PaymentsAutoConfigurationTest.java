package com.example.payments;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.mock.ConnectorMockServer;
import dev.connector.mock.ConnectorMockServerAutoConfiguration;
import dev.connector.mock.MockResponse;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's test of the auto-configured clients with an {@code ApplicationContextRunner}: the
 * mock server binds every client, whose configured retry and headers and whose observations
 * are the application's.
 */
class PaymentsAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class,
				ConnectorMockServerAutoConfiguration.class))
		.withBean(ObservationRegistry.class, TestObservationRegistry::create)
		.withPropertyValues("connector.clients.payments.base-url=http://localhost:8080",
				"connector.clients.payments.headers.X-Tenant=acme",
				"connector.clients.payments.retry.wait-duration=10ms",
				"connector.clients.quotes.base-url=http://localhost:8081");

	@Test
	void everyAutoConfiguredClientIsBoundAndRunsItsConfiguredPipeline() {
		this.contextRunner.run((context) -> {
			ConnectorMockServer server = context.getBean(ConnectorMockServer.class);
			server.expect(HttpMethod.GET, "/charges/ch_1")
				.client("payments")
				.header("X-Tenant", "acme")
				.andRespond(MockResponse.serviceUnavailable(), MockResponse.json(new Charge("ch_1", 500)));
			server.expect(HttpMethod.GET, "/quotes/eur").client("quotes").andRespond(MockResponse.text("1.08"));

			PaymentsService service = new PaymentsService(context.getBean("payments", Connector.class));
			assertThat(service.charge("ch_1").block(Duration.ofSeconds(5))).isEqualTo(new Charge("ch_1", 500));
			Connector quotes = context.getBean("quotes", Connector.class);
			assertThat(quotes.request(dev.connector.ConnectorRequest.get("/quotes/eur").build(), String.class)
				.block(Duration.ofSeconds(5))).isEqualTo("1.08");

			server.verify();
			assertThat(server.requests()).extracting("client").containsExactly("payments", "payments", "quotes");
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("connector.request");
		});
	}

}
