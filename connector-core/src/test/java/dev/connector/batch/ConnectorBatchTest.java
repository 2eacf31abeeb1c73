package dev.connector.batch;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.ConnectorTimeoutException;
import dev.connector.ServerErrorException;
import dev.connector.TransportException;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches against a real loopback server: bounded fan-out, one result per request, fail-fast,
 * the batch deadline and cancellation.
 */
class ConnectorBatchTest {

	private final HttpTransportUnderTest transport;

	ConnectorBatchTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;


	private void start(LoopbackServer.Handler handler) {
		this.server = LoopbackServer.start(handler);
		this.connector = this.transport.builder("batch").settings((s) -> s.baseUrl(this.server.baseUrl())).build();
	}

	private static List<ConnectorRequest> items(int count) {
		return IntStream.range(0, count).mapToObj((i) -> ConnectorRequest.get("/item/" + i).build()).toList();
	}

	private static int item(LoopbackServer.RecordedRequest request) {
		return Integer.parseInt(request.path().substring("/item/".length()));
	}

	@EachHttpTransport
	void neverMoreThanMaxConcurrencyInFlightAndResultsInInputOrder() {
		start(LoopbackServer.delayed(Duration.ofMillis(50), LoopbackServer.RecordedRequest::path));
		List<BatchResult<ConnectorResponse>> results = this.connector.blocking()
			.batch(items(200), BatchOptions.builder().maxConcurrency(8).build());
		assertThat(this.server.maxInFlight()).isEqualTo(8);
		assertThat(results).hasSize(200);
		for (int i = 0; i < 200; i++) {
			assertThat(results.get(i).index()).isEqualTo(i);
			assertThat(results.get(i).getOrThrow().bodyAsString()).isEqualTo("/item/" + i);
		}
	}

	@EachHttpTransport
	void clientBatchMaxConcurrencyIsTheDefault() {
		this.server = LoopbackServer.start(LoopbackServer.delayed(Duration.ofMillis(50), (request) -> "ok"));
		this.connector = this.transport.builder("batch")
			.settings((s) -> s.baseUrl(this.server.baseUrl())
				.batch(new dev.connector.config.ClientSettings.BatchSettings(3)))
			.build();
		this.connector.blocking().batch(items(30), BatchOptions.defaults());
		assertThat(this.server.maxInFlight()).isEqualTo(3);
	}

	@EachHttpTransport
	void collectModeYieldsExactlyOneResultPerRequestWithTheRightFailureAtTheRightIndex() {
		start((request, response) -> switch (item(request) % 3) {
			case 0 -> response.sendString(Mono.just("ok"));
			case 1 -> response.status(500).sendString(Mono.just("boom"));
			default -> LoopbackServer.reset(response);
		});
		List<BatchResult<ConnectorResponse>> results = this.connector.blocking()
			.batch(items(30), BatchOptions.builder().maxConcurrency(5).build());
		assertThat(results).hasSize(30);
		for (int i = 0; i < 30; i++) {
			BatchResult<ConnectorResponse> result = results.get(i);
			assertThat(result.index()).isEqualTo(i);
			assertThat(result.request().path()).isEqualTo("/item/" + i);
			switch (i % 3) {
				case 0 -> assertThat(result.value().bodyAsString()).isEqualTo("ok");
				case 1 -> assertThat(result.error()).isInstanceOf(ServerErrorException.class);
				default -> assertThat(result.error()).isInstanceOf(TransportException.class);
			}
		}
	}

	@EachHttpTransport
	void failFastCancelsInFlightSendsNothingMoreAndSurfacesTheFailure() {
		start((request, response) -> (item(request) == 5) ? response.status(500).keepAlive(false).send()
				: Mono.delay(Duration.ofMillis(200)).thenEmpty(response.keepAlive(false).sendString(Mono.just("ok"))));
		StepVerifier
			.create(this.connector.batch(items(50), BatchOptions.builder().maxConcurrency(4).failFast(true).build()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ServerErrorException.class)
				.hasMessageContaining("/item/5"))
			.verify(Duration.ofSeconds(5));
		// the calls in flight with item 5 are cancelled: their connections close
		await().atMost(Duration.ofSeconds(2)).until(() -> this.server.openConnections() == 0);
		int received = this.server.requests().size();
		// items 0-3 finish first, then 4-7 start and 5 fails at once; nothing after that
		assertThat(received).isLessThanOrEqualTo(8);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
			.until(() -> this.server.requests().size() == received);
	}

	@EachHttpTransport
	void batchTimeoutCancelsInFlightSkipsPendingAndReportsEachAsTimeout() {
		start((request, response) -> Mono.delay(Duration.ofMillis((item(request) < 8) ? 5 : 300))
			.thenEmpty(response.keepAlive(false).sendString(Mono.just("ok"))));
		Duration timeout = Duration.ofMillis(500);
		long start = System.nanoTime();
		List<BatchResult<ConnectorResponse>> results = this.connector.blocking()
			.batch(items(20), BatchOptions.builder().maxConcurrency(4).timeout(timeout).build());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		// without the deadline the last items alone would take 3 x 300ms more; exactness is
		// proven on virtual time (ConnectorVirtualTimeTest)
		assertThat(elapsed).isLessThan(Duration.ofMillis(1400));
		assertThat(results).hasSize(20);
		assertThat(results.subList(0, 8)).allMatch(BatchResult::isSuccess);
		assertThat(results.subList(16, 20)).allSatisfy((result) -> assertThat(result.error())
			.isInstanceOf(ConnectorTimeoutException.class)
			.hasMessageContaining("Batch deadline of 500ms"));
		assertThat(results).allSatisfy((result) -> assertThat(result.isSuccess()
				|| result.error() instanceof ConnectorTimeoutException).isTrue());
		assertThat(results.stream().filter((result) -> !result.isSuccess())).isNotEmpty();
		// the last four were never sent
		assertThat(this.server.requests()).noneMatch((request) -> item(request) >= 16);
		await().atMost(Duration.ofSeconds(2)).until(() -> this.server.openConnections() == 0);
	}

	@EachHttpTransport
	void failFastBatchTimeoutErrorsTheBatch() {
		start((request, response) -> Mono.delay(Duration.ofSeconds(5)).thenEmpty(response.send()));
		StepVerifier
			.create(this.connector.batch(items(4),
					BatchOptions.builder().failFast(true).timeout(Duration.ofMillis(200)).build()))
			.expectError(ConnectorTimeoutException.class)
			.verify(Duration.ofSeconds(2));
	}

	@EachHttpTransport
	void streamingFormPullsRequestsOnlyAsSlotsFreeUp() {
		start(LoopbackServer.delayed(Duration.ofMillis(20), LoopbackServer.RecordedRequest::path));
		java.util.concurrent.atomic.AtomicInteger pulled = new java.util.concurrent.atomic.AtomicInteger();
		Flux<ConnectorRequest> requests = Flux.range(0, 40)
			.map((i) -> ConnectorRequest.get("/item/" + i).build())
			.doOnNext((request) -> pulled.incrementAndGet());
		StepVerifier.create(this.connector.batch(requests, BatchOptions.builder().maxConcurrency(4).build()), 0)
			// four requests in flight, at most one more pulled ahead of a free slot
			.then(() -> assertThat(pulled.get()).isBetween(4, 5))
			.thenRequest(40)
			.expectNextCount(40)
			.verifyComplete();
		assertThat(this.server.maxInFlight()).isEqualTo(4);
	}

	@EachHttpTransport
	void unorderedStreamingFormEmitsEveryResult() {
		start((request, response) -> Mono.delay(Duration.ofMillis(item(request) % 2 == 0 ? 40 : 1))
			.thenEmpty(response.sendString(Mono.just(request.path()))));
		List<Long> indexes = this.connector
			.batch(Flux.fromIterable(items(20)), BatchOptions.builder().maxConcurrency(4).ordered(false).build())
			.map(BatchResult::index)
			.collectList()
			.block(Duration.ofSeconds(5));
		assertThat(indexes).containsExactlyInAnyOrderElementsOf(indexesTo(20)).isNotEqualTo(indexesTo(20));
	}

	private static List<Long> indexesTo(int end) {
		return java.util.stream.LongStream.range(0, end).boxed().toList();
	}

	@EachHttpTransport
	void disposingARunningBatchStopsAllTraffic() {
		start((request, response) -> Mono.delay(Duration.ofMillis(50))
			.thenEmpty(response.sendString(Mono.just("ok"))));
		Disposable running = this.connector.batch(items(1000), BatchOptions.builder().maxConcurrency(8).build())
			.subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.requests().size() >= 20);
		running.dispose();
		await().pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.atMost(Duration.ofMillis(100))
			.until(() -> this.server.inFlight() == 0);
		int settled = this.server.requests().size();
		await().during(Duration.ofMillis(300)).until(() -> this.server.requests().size() == settled);
		assertThat(settled).isLessThan(1000);
	}

	@EachHttpTransport
	void nullRequestIsRejectedNamingItsIndex() {
		start((request, response) -> response.send());
		List<ConnectorRequest> requests = new java.util.ArrayList<>(items(3));
		requests.set(1, null);
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> this.connector.batch(requests, BatchOptions.defaults()))
			.withMessageContaining("requests[1] is null");
	}

}
