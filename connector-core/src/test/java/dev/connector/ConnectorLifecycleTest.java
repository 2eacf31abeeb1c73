package dev.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.connector.config.ClientSettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.TransportRequest;
import dev.connector.transport.TransportResponse;
import org.junit.jupiter.api.AutoClose;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's lifecycle: many clients side by side, connecting on first use, and closing
 * while calls are made.
 */
class ConnectorLifecycleTest {

	private final HttpTransportUnderTest transport;

	ConnectorLifecycleTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}


	@AutoClose
	private LoopbackServer server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("ok")));

	@EachHttpTransport
	void twoHundredClientsShareOneDeadlineThreadAndLogNoNettyError() {
		Logger wheelLogger = (Logger) LoggerFactory.getLogger("io.netty.util.HashedWheelTimer");
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		wheelLogger.addAppender(logged);
		List<Connector> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 200; i++) {
				Connector client = this.transport.builder("client-" + i)
					.settings((s) -> s.baseUrl(this.server.baseUrl()))
					.build();
				clients.add(client);
				assertThat(client.blocking().request(ConnectorRequest.get("/").build()).status()).isEqualTo(200);
			}
			assertThat(deadlineThreads()).isLessThanOrEqualTo(1);
		}
		finally {
			clients.forEach(Connector::close);
			wheelLogger.detachAppender(logged);
		}
		List<ILoggingEvent> events;
		synchronized (logged) {
			events = List.copyOf(logged.list);
		}
		assertThat(events).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
	}

	private static long deadlineThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("connector-deadlines"))
			.count();
	}

	@EachHttpTransport
	void callsRacingCloseFailOnlyWithConnectorExceptions() {
		for (int round = 0; round < 20; round++) {
			Connector client = this.transport.builder("racing-" + round)
				.settings((s) -> s.baseUrl(this.server.baseUrl()))
				.build();
			Flux<Object> calls = Flux.range(0, 50)
				.flatMap((i) -> client.request(ConnectorRequest.get("/").build())
					.subscribeOn(Schedulers.parallel())
					.<Object>map((response) -> response)
					.onErrorResume(Mono::just));
			Mono<Object> close = Mono.fromRunnable(client::close).subscribeOn(Schedulers.boundedElastic());
			List<Object> outcomes = Flux.merge(calls, close).collectList().block(Duration.ofSeconds(30));
			assertThat(outcomes).hasSize(50)
				.allSatisfy((outcome) -> assertThat(outcome).isInstanceOfAny(ConnectorResponse.class,
						ConnectorException.class));
		}
	}

	@EachHttpTransport
	void callsAfterCloseAreRejectedNamingTheClient() {
		Connector client = this.transport.builder("closed").settings((s) -> s.baseUrl(this.server.baseUrl())).build();
		client.close();
		ConnectorException error = org.assertj.core.api.Assertions.catchThrowableOfType(ConnectorException.class,
				() -> client.blocking().request(ConnectorRequest.get("/").build()));
		assertThat(error.kind()).isEqualTo(FailureKind.REJECTED);
		assertThat(error).hasMessageContaining("Client is closed").hasMessageContaining("client=closed");
	}

	@EachHttpTransport
	void concurrentFirstCallsConnectTheTransportOnce() {
		CountingTransport transport = new CountingTransport();
		try (Connector client = this.transport.builder("lazy").transportFactory(transport).build()) {
			List<Mono<ConnectorResponse>> calls = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				calls.add(client.request(ConnectorRequest.get("/").build()));
			}
			Mono<List<ConnectorResponse>> all = Flux.merge(calls).collectList().cache();
			all.subscribe();
			transport.connected.tryEmitEmpty();
			assertThat(all.block(Duration.ofSeconds(10))).hasSize(50);
			assertThat(transport.connects).hasValue(1);
		}
	}

	@EachHttpTransport
	void aFailedConnectIsTriedAgainByTheNextCall() {
		CountingTransport transport = new CountingTransport();
		transport.connected.tryEmitError(new java.io.IOException("upstream not ready"));
		try (Connector client = this.transport.builder("lazy").transportFactory(transport).build()) {
			ConnectorException first = org.assertj.core.api.Assertions.catchThrowableOfType(ConnectorException.class,
					() -> client.blocking().request(ConnectorRequest.get("/").retry(false).build()));
			assertThat(first).isInstanceOf(TransportException.class);
			transport.connected = Sinks.empty();
			transport.connected.tryEmitEmpty();
			assertThat(client.blocking().request(ConnectorRequest.get("/").build()).status()).isEqualTo(200);
			assertThat(transport.connects).hasValue(2);
		}
	}

	/**
	 * A transport a user could write: it connects when told to and counts its connects.
	 */
	static final class CountingTransport implements Transport, TransportFactory {

		final AtomicInteger connects = new AtomicInteger();

		volatile Sinks.Empty<Void> connected = Sinks.empty();

		@Override
		public String type() {
			return "counting";
		}

		@Override
		public Transport create(ClientSettings settings) {
			return this;
		}

		@Override
		public Mono<Void> connect() {
			return Mono.defer(() -> {
				this.connects.incrementAndGet();
				return this.connected.asMono();
			});
		}

		@Override
		public Mono<TransportResponse> send(TransportRequest request) {
			return Mono.just(new TransportResponse(200, new HttpHeaders(), Flux.empty()));
		}

	}

}
