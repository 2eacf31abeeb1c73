package dev.connector.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.connector.ClientErrorException;
import dev.connector.Connector;
import dev.connector.ConnectorTimeoutException;
import dev.connector.ServerErrorException;
import dev.connector.config.ClientSettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import dev.connector.test.LoopbackServer.RecordedRequest;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AutoClose;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An {@code @HttpExchange} interface called through a Connector against a loopback
 * upstream that counts attempts: every return type, and the client's retries, deadlines,
 * errors and observations.
 */
class ConnectorServicesTest {

	// tag::interface[]
	@HttpExchange("/payments")
	interface PaymentsApi {

		@GetExchange("/{id}")
		Payment find(@PathVariable String id);

		@GetExchange("/{id}")
		Mono<Payment> findLater(@PathVariable String id);

		@GetExchange
		Flux<Payment> list(@RequestParam String status);

		@PostExchange
		ResponseEntity<Payment> create(@RequestHeader("Idempotency-Key") String key, @RequestBody Payment payment);

		@DeleteExchange("/{id}")
		void cancel(@PathVariable String id);

		@PostExchange("/{id}/capture")
		@ConnectorCall(idempotent = true)
		Payment capture(@PathVariable String id);

		@PostExchange("/{id}/refund")
		Payment refund(@PathVariable String id);

		@GetExchange("/{id}/receipt")
		@ConnectorCall(timeout = "300ms", retry = false)
		String receipt(@PathVariable String id);

	}

	record Payment(String id, int amount) {
	}
	// end::interface[]

	@HttpExchange("/payments")
	@ConnectorCall(retry = false)
	interface NoRetriesApi {

		@PostExchange("/{id}/capture")
		HttpHeaders capture(@PathVariable String id, @CookieValue("session") String session);

		@GetExchange
		Mono<Payment> search(@RequestParam String status);

	}

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final AtomicInteger flaky = new AtomicInteger();

	@AutoClose
	private final LoopbackServer server = LoopbackServer.start(this::upstream);

	@AutoClose
	private final Connector connector;

	private final PaymentsApi payments;

	ConnectorServicesTest(HttpTransportUnderTest transport) {
		this.connector = transport.builder("payments")
			.settings((settings) -> settings.baseUrl(this.server.baseUrl())
				.timeout(Duration.ofSeconds(5))
				.retry(ClientSettings.RetrySettings.builder()
					.maxAttempts(3)
					.waitDuration(Duration.ofMillis(10))
					.multiplier(1.0)
					.jitter(0)
					.build()))
			.observationRegistry(this.observations)
			.build();
		this.payments = ConnectorServices.create(this.connector, PaymentsApi.class);
	}

	private Publisher<Void> upstream(RecordedRequest request, HttpServerResponse response) {
		String route = request.method() + " " + request.path();
		response.header("Content-Type", "application/json");
		return switch (route) {
			case "GET /payments/42" -> response.sendString(Mono.just("{\"id\":\"42\",\"amount\":5}"));
			case "GET /payments" -> (request.query() == null) ? response.status(400).send() : response.sendString(Mono.just("[{\"id\":\"1\",\"amount\":1},{\"id\":\"2\",\"amount\":2}]"));
			case "POST /payments" -> response.status(201)
				.header("Location", "/payments/9")
				.sendString(Mono.just("{\"id\":\"9\",\"amount\":3}"));
			case "DELETE /payments/7" -> response.status(204).send();
			case "POST /payments/8/capture", "POST /payments/8/refund" -> (this.flaky.incrementAndGet() < 3)
					? response.status(503).send() : response.sendString(Mono.just("{\"id\":\"8\",\"amount\":8}"));
			case "GET /payments/8/receipt" -> response.sendString(Mono.delay(Duration.ofSeconds(3)).thenReturn("\"late\""));
			default -> response.status(404).send();
		};
	}

	@EachHttpTransport
	void blockingBodyIsDecodedAndTheRouteIsObservedAsAConnectorCall() {
		assertThat(this.payments.find("42")).isEqualTo(new Payment("42", 5));
		assertThat(this.server.lastRequest().uri()).isEqualTo("/payments/42");
		assertThat(this.observations).hasObservationWithNameEqualTo("connector.request")
			.that()
			.hasContextualNameEqualTo("payments GET")
			.hasLowCardinalityKeyValue("client", "payments")
			.hasLowCardinalityKeyValue("uri", "/payments/{id}")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS");
	}

	@EachHttpTransport
	void monoIsLazyAndMakesTheCallWhenSubscribed() {
		Mono<Payment> later = this.payments.findLater("42");
		assertThat(this.server.requests()).isEmpty();
		StepVerifier.create(later).expectNext(new Payment("42", 5)).verifyComplete();
		assertThat(this.server.requests()).hasSize(1);
	}

	@EachHttpTransport
	void fluxStreamsTheItemsOfAJsonArray() {
		StepVerifier.create(this.payments.list("open"))
			.expectNext(new Payment("1", 1), new Payment("2", 2))
			.verifyComplete();
		assertThat(this.server.lastRequest().uri()).isEqualTo("/payments?status=open");
	}

	@EachHttpTransport
	void responseEntityCarriesStatusHeadersAndBody() {
		ResponseEntity<Payment> created = this.payments.create("k-1", new Payment(null, 3));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getHeaders().getLocation()).hasToString("/payments/9");
		assertThat(created.getBody()).isEqualTo(new Payment("9", 3));
		RecordedRequest sent = this.server.lastRequest();
		assertThat(sent.headers().get("Idempotency-Key")).isEqualTo("k-1");
		assertThat(sent.body()).isEqualTo("{\"id\":null,\"amount\":3}");
	}

	@EachHttpTransport
	void voidMethodCompletesOnASuccessfulResponse() {
		this.payments.cancel("7");
		assertThat(this.server.lastRequest().method()).isEqualTo("DELETE");
		assertThat(this.server.lastRequest().uri()).isEqualTo("/payments/7");
	}

	@EachHttpTransport
	void errorsAreConnectorExceptions() {
		assertThatExceptionOfType(ClientErrorException.class).isThrownBy(() -> this.payments.find("missing"))
			.satisfies((error) -> assertThat(error.getStatus()).isEqualTo(404));
		StepVerifier.create(this.payments.findLater("missing")).verifyError(ClientErrorException.class);
	}

	@EachHttpTransport
	void anIdempotentOverrideLetsTheClientRetryAPost() {
		assertThat(this.payments.capture("8")).isEqualTo(new Payment("8", 8));
		assertThat(this.server.requests()).hasSize(3);
	}

	@EachHttpTransport
	void aPostWithoutOverrideIsNotRetried() {
		assertThatExceptionOfType(ServerErrorException.class).isThrownBy(() -> this.payments.refund("8"));
		assertThat(this.server.requests()).hasSize(1);
	}

	@EachHttpTransport
	void aTimeoutOverrideIsTheCallsDeadline() {
		long start = System.nanoTime();
		assertThatExceptionOfType(ConnectorTimeoutException.class).isThrownBy(() -> this.payments.receipt("8"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(this.server.requests()).hasSize(1);
	}


	@EachHttpTransport
	void anInterfaceLevelOverrideAppliesToEachMethodAndHeadersAndCookiesAreSent() {
		NoRetriesApi api = ConnectorServices.create(this.connector, NoRetriesApi.class);
		assertThatExceptionOfType(ServerErrorException.class).isThrownBy(() -> api.capture("8", "s-1"));
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.server.lastRequest().headers().get("Cookie")).isEqualTo("session=s-1");
		this.flaky.set(2);
		assertThat(api.capture("8", "s-1").getContentType()).hasToString("application/json");
	}

	@EachHttpTransport
	void queryParametersAreSentAndTheRouteKeepsTheirNamesNotTheirValues() {
		NoRetriesApi api = ConnectorServices.create(this.connector, NoRetriesApi.class);
		StepVerifier.create(api.search("open")).expectNextCount(0).thenCancel().verify();
		StepVerifier.create(api.search("o p")).expectError(dev.connector.DecodeException.class).verify();
		assertThat(this.server.lastRequest().uri()).isEqualTo("/payments?status=o%20p");
		assertThat(this.observations).hasObservationWithNameEqualTo("connector.request")
			.that()
			.hasLowCardinalityKeyValue("uri", "/payments");
	}

}
