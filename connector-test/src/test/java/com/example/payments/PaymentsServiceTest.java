package com.example.payments;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorTimeoutException;
import dev.connector.RateLimitedException;
import dev.connector.auth.Authenticators;
import dev.connector.config.ClientSettings.RetrySettings;
import dev.connector.config.Secret;
import dev.connector.mock.ConnectorMockServer;
import dev.connector.mock.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's test of a service that calls a client, written only against connector-test's
 * public API: the mock replaces the network, and the client's own retry, deadline and
 * errors answer for the rest.
 */
class PaymentsServiceTest {

	private ConnectorMockServer server;

	private Connector payments;

	private PaymentsService service;

	@BeforeEach
	void bind() {
		Connector.Builder builder = Connector.builder("payments")
			.settings((s) -> s.baseUrl("http://localhost:8080/api")
				.timeout(Duration.ofSeconds(1))
				.retry(RetrySettings.builder().maxAttempts(3).waitDuration(Duration.ofMillis(10)).build()));
		this.server = ConnectorMockServer.bindTo(builder);
		this.payments = builder.build();
		this.service = new PaymentsService(this.payments);
	}

	@AfterEach
	void close() {
		this.payments.close();
	}

	@Test
	void expectationsOnMethodPathQueryHeadersAndBodyAreMet() {
		this.server.expect(HttpMethod.GET, "/api/charges/ch_1")
			.query("expand", "customer")
			.header("X-Tenant", "acme")
			.andRespond(MockResponse.json(new Charge("ch_1", 500)));
		this.server.expect(HttpMethod.POST, "/api/charges")
			.jsonBody(new Charge(null, 700))
			.andRespond(MockResponse.status(201).jsonBody(new Charge("ch_2", 700)));

		assertThat(this.service.charge("ch_1").block()).isEqualTo(new Charge("ch_1", 500));
		assertThat(this.service.create(new Charge(null, 700)).block()).isEqualTo(new Charge("ch_2", 700));
		this.server.verify();
	}

	@Test
	void anUnexpectedRequestFailsItsCallAndVerifyShowsTheDiff() {
		this.server.expect(HttpMethod.GET, "/api/charges/ch_1")
			.query("expand", "customer")
			.andRespond(MockResponse.json(new Charge("ch_1", 500)));

		assertThatExceptionOfType(ConnectorException.class).isThrownBy(() -> this.service.charge("ch_2").block())
			.withMessageContaining("path: expected /api/charges/ch_1 but was /api/charges/ch_2");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(this.server::verify)
			.withMessage("""
					ConnectorMockServer: 1 expectation(s) unmet:
					  GET /api/charges/ch_1 query {expand=[customer]} (0 of 1 requests received)
					1 unexpected request(s):
					  GET /api/charges/ch_2 query {expand=[customer]} from client payments
					    vs expected GET /api/charges/ch_1 query {expand=[customer]}:
					      path: expected /api/charges/ch_1 but was /api/charges/ch_2""");
	}

	@Test
	void aScripted503Then200ProvesTheClientRetries() {
		this.server.expect(HttpMethod.GET, "/api/charges/ch_1")
			.andRespond(MockResponse.serviceUnavailable(), MockResponse.json(new Charge("ch_1", 500)));

		assertThat(this.service.charge("ch_1").block()).isEqualTo(new Charge("ch_1", 500));
		assertThat(this.server.requests()).hasSize(2);
		this.server.verify();
	}

	@Test
	void aScriptedDelayLongerThanTheDeadlineFailsWithATimeout() {
		this.server.expect(HttpMethod.GET, "/api/charges/ch_1")
			.andRespond(MockResponse.json(new Charge("ch_1", 500)).delay(Duration.ofSeconds(30)));

		StepVerifier.create(this.service.charge("ch_1"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ConnectorTimeoutException.class,
					(timeout) -> assertThat(timeout.getTimeout()).isEqualTo(Duration.ofSeconds(1))))
			.verify(Duration.ofSeconds(10));
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void aConnectionResetIsRetriedForAnIdempotentCall() {
		this.server.expect(HttpMethod.GET, "/api/charges/ch_1")
			.andRespond(MockResponse.connectionReset(), MockResponse.json(new Charge("ch_1", 500)));

		assertThat(this.service.charge("ch_1").block()).isEqualTo(new Charge("ch_1", 500));
		this.server.verify();
	}

	@Test
	void aConnectionResetFailsANonIdempotentCallWithoutRetrying() {
		this.server.expect(HttpMethod.POST, "/api/charges").andRespond(MockResponse.connectionReset());

		StepVerifier.create(this.service.create(new Charge(null, 700)))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(dev.connector.TransportException.class)
				.hasMessageContaining("Connection reset"))
			.verify(Duration.ofSeconds(5));
		assertThat(this.server.requests()).hasSize(1);
		this.server.verify();
	}

	@Test
	void a429WithRetryAfterIsRetriedAfterTheWaitItAsks() {
		this.server.expect(HttpMethod.GET, "/api/charges/ch_1")
			.andRespond(MockResponse.tooManyRequests(Duration.ZERO), MockResponse.json(new Charge("ch_1", 500)));

		assertThat(this.service.charge("ch_1").block()).isEqualTo(new Charge("ch_1", 500));
		this.server.verify();
	}

	@Test
	void a429WithoutRetriesCarriesItsRetryAfter() {
		this.server.expect(HttpMethod.GET, "/api/charges/ch_1").andRespond(MockResponse.tooManyRequests(Duration.ofSeconds(7)));
		try (Connector noRetries = this.server.bind(Connector.builder("payments-no-retry")
			.settings((s) -> s.baseUrl("http://localhost:8080/api").retry(RetrySettings.builder().enabled(false).build())))
			.build()) {

			StepVerifier.create(new PaymentsService(noRetries).charge("ch_1"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(RateLimitedException.class,
						(limited) -> assertThat(limited.getRetryAfter()).isEqualTo(Duration.ofSeconds(7))))
				.verify(Duration.ofSeconds(5));
		}
		this.server.verify();
	}

	@Test
	void interceptorsAndAuthenticationRunBeforeTheMockAndCredentialsStayOutOfTheDiff() {
		this.server.expect(HttpMethod.GET, "/api/charges/ch_1")
			.header("Authorization", "Bearer t0k3n")
			.header("X-Request-Id", "r-1")
			.andRespond(MockResponse.json(new Charge("ch_1", 500)));
		this.server.expect(HttpMethod.GET, "/api/charges/ch_2")
			.header("Authorization", "Bearer other")
			.andRespond(MockResponse.json(new Charge("ch_2", 700)));
		try (Connector authenticated = this.server.bind(Connector.builder("payments-authenticated")
			.settings((s) -> s.baseUrl("http://localhost:8080/api"))
			.authenticator(Authenticators.bearer(Secret.of("t0k3n")))
			.interceptor((request, chain) -> chain.proceed(request.toBuilder().header("X-Request-Id", "r-1").build())))
			.build()) {
			PaymentsService service = new PaymentsService(authenticated);

			assertThat(service.charge("ch_1").block()).isEqualTo(new Charge("ch_1", 500));
			assertThatExceptionOfType(ConnectorException.class).isThrownBy(() -> service.charge("ch_2").block())
				.withMessageContaining("header Authorization: values differ (masked: 1 expected, 1 received)")
				.withMessageNotContaining("t0k3n")
				.withMessageNotContaining("other");
		}
	}

	@Test
	void aStreamedBodyIsDecodedElementByElement() {
		this.server.expect(HttpMethod.GET, "/api/charges")
			.andRespond(MockResponse.ok()
				.header("Content-Type", "application/x-ndjson")
				.body("{\"id\":\"ch_1\",\"amount\":500}\n{\"id\":\"ch_2\",\"amount\":700}\n"));

		StepVerifier.create(this.payments.stream(dev.connector.ConnectorRequest.get("/charges").build(), Charge.class))
			.expectNext(new Charge("ch_1", 500), new Charge("ch_2", 700))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		this.server.verify();
	}

}
