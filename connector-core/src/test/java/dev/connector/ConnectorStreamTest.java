package dev.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.connector.config.ClientSettings.RetrySettings;
import dev.connector.config.ClientSettings.StreamSettings;
import dev.connector.config.ClientSettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Streaming responses against real loopback servers: elements arrive as the server sends
 * them, limits, status errors, retries before the first element, SSE resume, cancellation
 * and the blocking form.
 */
class ConnectorStreamTest {

	private final HttpTransportUnderTest transport;

	ConnectorStreamTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}


	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;

	private final AtomicInteger connections = new AtomicInteger();

	private void start(LoopbackServer.Handler handler, Consumer<ClientSettings.Builder> settings) {
		this.server = LoopbackServer.start((request, response) -> {
			this.connections.incrementAndGet();
			return handler.handle(request, response);
		});
		this.connector = this.transport.builder("ticks")
			.settings((s) -> settings.accept(s.baseUrl(this.server.baseUrl())
				.retry(RetrySettings.DEFAULTS.toBuilder().waitDuration(Duration.ofMillis(10)).jitter(0).build())))
			.build();
	}

	private static String event(int id) {
		return "id: " + id + "\nevent: tick\nretry: 50\ndata: {\"n\":" + id + "}\n\n";
	}

	record Tick(int n) {
	}

	@EachHttpTransport
	void serverSentEventsArriveAsTheServerSendsThem() {
		List<Long> sentAt = new CopyOnWriteArrayList<>();
		start((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(200)).take(5).map((i) -> {
				sentAt.add(System.nanoTime());
				return event(i.intValue());
			})), (s) -> {
			});
		List<Long> receivedAt = new CopyOnWriteArrayList<>();
		List<Tick> ticks = this.connector.stream(ConnectorRequest.get("/ticks").build(), Tick.class)
			.doOnNext((tick) -> receivedAt.add(System.nanoTime()))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(ticks).extracting(Tick::n).containsExactly(0, 1, 2, 3, 4);
		assertThat(receivedAt.get(0)).as("first event received before the second was sent").isLessThan(sentAt.get(1));
	}

	@EachHttpTransport
	void serverSentEventFieldsDecode() {
		start((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(Flux.just(event(7))), (s) -> {
			});
		StepVerifier
			.create(this.connector.stream(ConnectorRequest.get("/ticks").build(),
					new ParameterizedTypeReference<ServerSentEvent<Tick>>() {
					}))
			.assertNext((event) -> {
				assertThat(event.id()).isEqualTo("7");
				assertThat(event.event()).isEqualTo("tick");
				assertThat(event.retry()).isEqualTo(Duration.ofMillis(50));
				assertThat(event.data()).isEqualTo(new Tick(7));
			})
			.verifyComplete();
	}

	@EachHttpTransport
	void ndjsonStreamsOneElementPerLine() {
		start((request, response) -> response.header("Content-Type", "application/x-ndjson")
			.sendString(Flux.interval(Duration.ofMillis(50)).take(3).map((i) -> "{\"n\":" + i + "}\n")), (s) -> {
			});
		StepVerifier.create(this.connector.stream(ConnectorRequest.get("/ticks").build(), Tick.class))
			.expectNext(new Tick(0), new Tick(1), new Tick(2))
			.verifyComplete();
	}

	@EachHttpTransport
	void chunkedPlainTextStreamsLineByLine() {
		start((request, response) -> response.header("Content-Type", "text/plain")
			.sendString(Flux.interval(Duration.ofMillis(50)).take(3).map((i) -> "line " + i + "\n")), (s) -> {
			});
		StepVerifier.create(this.connector.stream(ConnectorRequest.get("/lines").build(), String.class))
			.expectNext("line 0", "line 1", "line 2")
			.verifyComplete();
	}

	@EachHttpTransport
	void cancellingClosesTheConnection() {
		start((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(Flux.interval(Duration.ofMillis(20)).take(100).map((i) -> event(i.intValue()))), (s) -> {
			});
		List<Tick> ticks = this.connector.stream(ConnectorRequest.get("/ticks").build(), Tick.class)
			.take(2)
			.collectList()
			.block(Duration.ofSeconds(5));
		assertThat(ticks).hasSize(2);
		await().atMost(Duration.ofSeconds(1)).until(() -> this.server.openConnections() == 0);
		// the connection was closed, not returned to the pool mid-body
		assertThat(this.connector.pool()).hasValueSatisfying((pool) -> {
			assertThat(pool.active()).isZero();
			assertThat(pool.idle()).isZero();
		});
		assertThat(this.connector.request(ConnectorRequest.get("/after").build()).block(Duration.ofSeconds(5))
			.status()).isEqualTo(200);
	}

	@EachHttpTransport
	void aStalledStreamFailsAfterTheIdleTimeoutNamingIt() {
		start((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(Flux.concat(Flux.just(event(1)), Flux.never())),
				(s) -> s.stream(StreamSettings.builder().idleTimeout(Duration.ofMillis(300)).build()));
		StepVerifier.create(this.connector.stream(ConnectorRequest.get("/ticks").build(), Tick.class))
			.expectNext(new Tick(1))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConnectorTimeoutException.class)
				.hasMessageContaining("stream.idle-timeout of 300ms")
				.hasMessageContaining("client=ticks"))
			.verify(Duration.ofSeconds(5));
	}

	@EachHttpTransport
	void anErrorStatusFailsBeforeTheFirstElementAsACallWould() {
		start((request, response) -> response.status(404).sendString(Mono.just("no such feed")), (s) -> {
		});
		StepVerifier.create(this.connector.stream(ConnectorRequest.get("/ticks").build(), Tick.class))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ClientErrorException.class)
				.hasMessageContaining("no such feed"))
			.verify(Duration.ofSeconds(5));
	}

	@EachHttpTransport
	void serviceUnavailableBeforeAnyDataIsRetried() {
		start((request, response) -> (this.connections.get() == 1) ? response.status(503).send()
				: response.header("Content-Type", "text/event-stream").sendString(Flux.just(event(1), event(2))),
				(s) -> {
				});
		StepVerifier.create(this.connector.stream(ConnectorRequest.get("/ticks").build(), Tick.class))
			.expectNext(new Tick(1), new Tick(2))
			.verifyComplete();
		assertThat(this.connections).hasValue(2);
	}

	@EachHttpTransport
	void aDropAfterDataIsRaisedNotRetried() {
		start((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(Flux.just(event(1), event(2)))
			.then(LoopbackServer.drop(response)), (s) -> {
			});
		StepVerifier.create(this.connector.stream(ConnectorRequest.get("/ticks").build(), Tick.class))
			.expectNext(new Tick(1), new Tick(2))
			.expectError(TransportException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.connections).hasValue(1);
		// its headers arrived: the upstream was reachable
		assertThat(this.connector.health().consecutiveFailures()).isZero();
		assertThat(this.connector.health().lastSuccess()).isNotNull();
	}

	@EachHttpTransport
	void withResumeADroppedEventStreamReconnectsWithLastEventIdAndLosesNothing() {
		List<String> lastEventIds = new CopyOnWriteArrayList<>();
		start((request, response) -> {
			String lastEventId = request.headers().get("Last-Event-ID");
			lastEventIds.add(String.valueOf(lastEventId));
			int from = (lastEventId != null) ? Integer.parseInt(lastEventId) + 1 : 1;
			Flux<String> events = Flux.range(from, 3).filter((id) -> id <= 7).map(ConnectorStreamTest::event);
			// the first two connections drop after three events; the last one completes
			return (from <= 4) ? response.header("Content-Type", "text/event-stream")
				.sendString(events)
				.then(LoopbackServer.drop(response))
					: response.header("Content-Type", "text/event-stream").sendString(events);
		}, (s) -> s.stream(StreamSettings.builder().resume(true).build()));
		StepVerifier.create(this.connector.stream(ConnectorRequest.get("/ticks").build(), Tick.class))
			.expectNext(new Tick(1), new Tick(2), new Tick(3), new Tick(4), new Tick(5), new Tick(6), new Tick(7))
			.verifyComplete();
		assertThat(lastEventIds).containsExactly("null", "3", "6");
	}

	@EachHttpTransport
	void blockingStreamDeliversElementsAsTheyArriveAndClosingCancelsTheCall() {
		Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
		start((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(200)).take(50).map((i) -> {
				sentAt.put(i.intValue(), System.nanoTime());
				return event(i.intValue());
			})), (s) -> {
			});
		try (Stream<Tick> ticks = this.connector.blocking().stream(ConnectorRequest.get("/ticks").build(), Tick.class)) {
			java.util.Iterator<Tick> iterator = ticks.iterator();
			assertThat(iterator.next()).isEqualTo(new Tick(0));
			assertThat(sentAt).doesNotContainKey(2);
			assertThat(iterator.next()).isEqualTo(new Tick(1));
		}
		await().atMost(Duration.ofSeconds(1)).until(() -> this.server.openConnections() == 0);
		assertThat(sentAt.size()).isLessThan(50);
	}

}
