package com.example.payments;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.ServerErrorException;
import dev.connector.mock.AutoConfigureConnectorMockServer;
import dev.connector.mock.ConnectorMockServer;
import dev.connector.mock.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's {@code @SpringBootTest}: one annotation binds the application's clients to the
 * mock server bean, and the service under test is the application's own bean.
 */
@SpringBootTest(properties = { "connector.clients.payments.base-url=http://localhost:8080",
		"connector.clients.payments.retry.max-attempts=2", "connector.clients.payments.retry.wait-duration=10ms" })
@AutoConfigureConnectorMockServer
class PaymentsSpringBootTest {

	@Autowired
	private ConnectorMockServer server;

	@Autowired
	private PaymentsService service;

	@AfterEach
	void reset() {
		this.server.reset();
	}

	@Test
	void theServiceGetsTheChargeAfterARetriedFailure() {
		this.server.expect(HttpMethod.GET, "/charges/ch_1")
			.andRespond(MockResponse.serviceUnavailable(), MockResponse.json(new Charge("ch_1", 500)));

		assertThat(this.service.charge("ch_1").block(Duration.ofSeconds(5))).isEqualTo(new Charge("ch_1", 500));
		this.server.verify();
	}

	@Test
	void theServiceSeesTheClientsErrorOnceItsAttemptsAreSpent() {
		this.server.expect(HttpMethod.GET, "/charges/ch_1")
			.andRespond(MockResponse.serviceUnavailable(), MockResponse.serviceUnavailable());

		assertThatExceptionOfType(ServerErrorException.class)
			.isThrownBy(() -> this.service.charge("ch_1").block(Duration.ofSeconds(5)))
			.satisfies((error) -> assertThat(error.getStatus()).isEqualTo(503));
		this.server.verify();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PaymentsApplication {

		@Bean
		PaymentsService paymentsService(Connector payments) {
			return new PaymentsService(payments);
		}

	}

}
