package dev.connector.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a user runs it: its endpoints fetch data from the demo upstream through the
 * Connector, and actuator health is UP.
 */
// Boot 3's test support turns tracing off (so propagation: an incoming traceparent would be
// ignored) unless told otherwise; Boot 4's only turns span export off
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.test.observability.auto-configure=true")
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTest {

	@DynamicPropertySource
	static void upstreamPort(DynamicPropertyRegistry registry) throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			int port = socket.getLocalPort();
			registry.add("demo.upstream.port", () -> port);
		}
	}

	private WebTestClient client;

	/**
	 * A client of the running application, built here rather than injected: Boot 3 provides a
	 * {@code WebTestClient} bean to a {@code @SpringBootTest}, Boot 4 only with its own
	 * annotation, and this test runs on both lines. Its connections are its own (no pool
	 * shared with other tests' clients), so a stream an earlier test cancelled can never hold
	 * up this test's request.
	 */
	@BeforeEach
	void clientOfTheRunningApplication(@Value("${local.server.port}") int port) {
		this.client = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.newConnection()))
			.baseUrl("http://127.0.0.1:" + port)
			.build();
	}

	@Test
	void demoCallsAreLoggedWithTheirTraceIds(CapturedOutput output) {
		this.client.get().uri("/demo/quote/globex").exchange().expectStatus().isOk();
		// Boot's correlation pattern: [traceId-spanId]
		assertThat(output.getOut().lines()
			.filter((line) -> line.contains("event=connector.response.received") && line.contains("/quotes/globex")))
			.singleElement()
			.asString()
			.containsPattern("\\[[0-9a-f]{32}-[0-9a-f]{16}\\]");
	}

	@Test
	void demoCallContinuesTheCallersTrace(CapturedOutput output) {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		this.client.get()
			.uri("/demo/quote/umbrella")
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.exchange()
			.expectStatus()
			.isOk();
		// the server request's span continues the caller's trace, and the connector's call is in it
		assertThat(output.getOut().lines()
			.filter((line) -> line.contains("event=connector.response.received") && line.contains("/quotes/umbrella")))
			.singleElement()
			.asString()
			.containsPattern("\\[" + traceId + "-[0-9a-f]{16}\\]");
	}

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private RetryRegistry retries;

	@Test
	void declarativeQuoteCallsAreTimedUnderTheirRoute() {
		this.client.get().uri("/demo/quote/acme").exchange().expectStatus().isOk();
		this.client.get().uri("/demo/quote/globex").exchange().expectStatus().isOk();
		assertThat(this.meters.find("connector.request").tag("uri", "/quotes/{symbol}").timers()).singleElement()
			.satisfies((timer) -> assertThat(timer.count()).isGreaterThanOrEqualTo(2));
	}

	@Test
	void quoteEndpointReturnsDataFetchedThroughTheConnector() {
		this.client.get()
			.uri("/demo/quote/acme")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.symbol")
			.isEqualTo("ACME")
			.jsonPath("$.currency")
			.isEqualTo("EUR");
	}

	@Test
	void slowUpstreamAnswersGatewayTimeoutNamingTheClient() {
		this.client.get()
			.uri("/demo/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("ConnectorTimeoutException")
			.jsonPath("$.client")
			.isEqualTo("quotes");
	}

	@Test
	void flakyUpstreamSucceedsThroughRetries() {
		Retry.Metrics retry = this.retries.retry("quotes").getMetrics();
		long recovered = retry.getNumberOfSuccessfulCallsWithRetryAttempt();
		this.client.get().uri("/demo/flaky").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("recovered");
		// the quotes client's own retry, registered in the application's RetryRegistry, did it
		assertThat(retry.getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(recovered + 1);
	}

	@Test
	void quotesEndpointCallsInParallelAndKeepsTheOrder() {
		this.client.get()
			.uri("/demo/quotes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].symbol")
			.isEqualTo(List.of("ACME", "GLOBEX", "INITECH"));
	}

	@Test
	void liveQuoteIsFetchedOverTheUpstreamsWebSocket() {
		this.client.get()
			.uri("/demo/live/initech")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.symbol")
			.isEqualTo("INITECH");
	}

	@Test
	void liveTicksRelayEveryWebSocketMessageAsAnEvent() {
		assertThat(this.client.get()
			.uri("/demo/live/acme/ticks")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Quote.class)
			.getResponseBody()
			.collectList()
			.block(java.time.Duration.ofSeconds(10))).hasSize(3).allSatisfy((quote) -> assertThat(quote.symbol())
				.isEqualTo("ACME"));
	}

	@Test
	void actuatorListsTheClientsResilienceInstances() {
		this.client.get().uri("/actuator/retries").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.retries[?(@ == 'quotes')]").exists();
		this.client.get().uri("/actuator/circuitbreakers").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.circuitBreakers.quotes.state").isEqualTo("CLOSED");
	}

	@Test
	void healthShowsTheConnectorsContributorWithTheClientUpAfterACall() {
		this.client.get().uri("/demo/quote/initech").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.connectors.status")
			.isEqualTo("UP")
			.jsonPath("$.components.connectors.components.quotes.status")
			.isEqualTo("UP")
			.jsonPath("$.components.connectors.components.quotes.details.transport")
			.isEqualTo("http")
			.jsonPath("$.components.connectors.components.live.details.transport")
			.isEqualTo("websocket");
	}

	@Test
	void connectorsEndpointListsEachConfiguredClient() {
		this.client.get()
			.uri("/actuator/connectors")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.clients.quotes.transport")
			.isEqualTo("http")
			.jsonPath("$.clients.live.transport")
			.isEqualTo("websocket");
	}

	@Test
	void connectorsEndpointShowsEffectiveConfigurationWithTheTokenMasked() {
		String body = this.client.get()
			.uri("/actuator/connectors")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"token\":\"******\"").contains("\"type\":\"bearer\"")
			.contains("\"timeout\":\"PT3S\"")
			.doesNotContain("sample-token-0000");
	}

	@Test
	void healthIsUp() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void ticksEndpointRelaysTheUpstreamsEventStream() {
		reactor.core.publisher.Flux<Quote> ticks = this.client.get()
			.uri("/demo/ticks")
			.accept(org.springframework.http.MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Quote.class)
			.getResponseBody();
		assertThat(ticks.take(3).collectList().block(java.time.Duration.ofSeconds(10))).hasSize(3)
			.allSatisfy((quote) -> assertThat(quote.symbol()).isEqualTo("ACME"));
	}

}
