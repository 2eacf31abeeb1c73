package dev.connector.transport.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import dev.connector.AuthenticationException;
import dev.connector.ConfigurationException;
import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorSession;
import dev.connector.DecodeException;
import dev.connector.FailureKind;
import dev.connector.TransportException;
import dev.connector.auth.Authenticators;
import dev.connector.config.ClientSettings;
import dev.connector.test.CapturedLogs;
import dev.connector.test.LoopbackServer;
import dev.connector.test.WebSocketServer;
import dev.connector.transport.TransportRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.test.StepVerifier;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code websocket} transport against a real WebSocket server on loopback: request and
 * reply, streamed replies, full-duplex sessions, handshake errors and credentials, drops,
 * keep-alive, logging, observation and close.
 */
class WebSocketTransportTest {

	private WebSocketServer server;

	private Connector connector;

	@AfterEach
	void close() {
		if (this.connector != null) {
			this.connector.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	private Connector connect(WebSocketServer server, Consumer<Connector.Builder> customizer) {
		this.server = server;
		Connector.Builder builder = Connector.builder("quotes")
			.transportRegistry(TransportRegistry.of(new WebSocketTransportFactory()))
			.settings((s) -> s.transport("websocket").baseUrl(server.url() + "/quotes"));
		customizer.accept(builder);
		this.connector = builder.build();
		return this.connector;
	}

	private Connector connect(WebSocketServer server) {
		return connect(server, (builder) -> {
		});
	}

	@Test
	void requestSendsTheBodyAsOneMessageAndCompletesWithTheFirstReply() {
		Connector quotes = connect(WebSocketServer.upgrading(WebSocketServer.echo("echo: ")));
		String reply = quotes.blocking().request(ConnectorRequest.get("").body("hello").build(), String.class);
		assertThat(reply).isEqualTo("echo: hello");
		assertThat(this.server.handshakes()).singleElement()
			.satisfies((headers) -> assertThat(headers.get("Upgrade")).isEqualToIgnoringCase("websocket"));
	}

	@Test
	void requestWritesAnObjectAsJsonTextAndDecodesTheJsonReply() {
		Connector quotes = connect(WebSocketServer.upgrading(WebSocketServer.echo("")));
		Quote reply = quotes.blocking()
			.request(ConnectorRequest.get("").body(new Quote("ACME", 42.5)).build(), Quote.class);
		assertThat(reply).isEqualTo(new Quote("ACME", 42.5));
	}

	@Test
	void streamDeliversEveryMessageInOrderEachWholeAsOneElement() {
		// the server answers the first message; it never cancels its inbound, which would close the WebSocket
		Connector quotes = connect(WebSocketServer.upgrading((in, out) -> in.receive()
			.concatMap((subscribe) -> out.sendString(Flux.range(1, 1000).map((i) -> "tick " + i + "\nline two"))
				.then()
				.then(out.sendClose(1000, "done")))
			.then()));
		StepVerifier.create(quotes.stream(ConnectorRequest.get("").body("subscribe").build(), String.class))
			.recordWith(ArrayList::new)
			.expectNextCount(1000)
			.consumeRecordedWith((ticks) -> assertThat(ticks).containsExactlyElementsOf(
					IntStream.rangeClosed(1, 1000).mapToObj((i) -> "tick " + i + "\nline two").toList()))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void streamDecodesJsonMessagesToTheTypeAndBinaryMessagesToBytes() {
		Connector quotes = connect(WebSocketServer.upgrading((in, out) -> out
			.sendObject(Flux.just(new TextWebSocketFrame("{\"symbol\":\"ACME\",\"price\":1.5}"),
					new TextWebSocketFrame("{\"symbol\":\"INIT\",\"price\":2.0}")))
			.then()
			.then(out.sendClose(1000, "done"))));
		StepVerifier.create(quotes.stream(ConnectorRequest.get("").build(), Quote.class))
			.expectNext(new Quote("ACME", 1.5), new Quote("INIT", 2.0))
			.verifyComplete();
		this.connector.close();
		Connector binary = connect(WebSocketServer.upgrading((in, out) -> out
			.sendObject(Mono.just(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] { 1, 2, 3 }))))
			.then()
			.then(out.sendClose(1000, "done"))));
		StepVerifier.create(binary.stream(ConnectorRequest.get("").build(), byte[].class))
			.assertNext((bytes) -> assertThat(bytes).containsExactly(1, 2, 3))
			.verifyComplete();
	}

	@Test
	void aMessageLargerThanMaxInMemorySizeFailsWithADecodeException() {
		Connector quotes = connect(WebSocketServer.upgrading((in, out) -> out.sendString(Mono.just("x".repeat(4096)))
			.then()
			.then(in.receive().then())), (builder) -> builder.settings((s) -> s.maxInMemorySize(1024)));
		StepVerifier.create(quotes.stream(ConnectorRequest.get("").build(), String.class))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(DecodeException.class)
				.hasMessageContaining("max-in-memory-size"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void sessionSendsAndReceivesFullDuplexUntilClosed() {
		Connector quotes = connect(WebSocketServer.upgrading(WebSocketServer.echo("echo: ")));
		ConnectorSession session = quotes.session(ConnectorRequest.get("").build()).block(Duration.ofSeconds(5));
		assertThat(session.handshake().status()).isEqualTo(101);
		StepVerifier.create(session.receive(String.class))
			.then(() -> session.send(Flux.just("first")).subscribe())
			.expectNext("echo: first")
			.then(() -> session.send("second").subscribe())
			.expectNext("echo: second")
			.then(() -> session.close().subscribe())
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void concurrentSessionsNeverSeeEachOthersMessages() {
		Connector quotes = connect(WebSocketServer.upgrading(WebSocketServer.echo("")));
		List<List<String>> received = Flux.range(1, 100)
			.flatMap((id) -> quotes.session(ConnectorRequest.get("").build())
				.flatMap((session) -> session.send(Flux.just("session-" + id, "session-" + id, "session-" + id))
					.thenMany(session.receive(String.class).take(3))
					.collectList()
					.flatMap((messages) -> session.close().thenReturn(messages))
					.map((messages) -> messages.stream().map((message) -> id + "=" + message).toList())), 100)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(received).hasSize(100)
			.allSatisfy((messages) -> assertThat(messages).hasSize(3)
				.allSatisfy((message) -> assertThat(message.substring(message.indexOf('=') + 1))
					.isEqualTo("session-" + message.substring(0, message.indexOf('=')))));
		// each closed session let go of its connection
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openConnections() == 0);
	}

	@Test
	void droppedSessionFailsWithTransportExceptionAndTheNextCallReconnects() {
		Connector quotes = connect(WebSocketServer.start((request, response, number) -> response.sendWebsocket(
				(in, out) -> (number == 1) ? dropOnFirstMessage(in) : WebSocketServer.echo("").apply(in, out))));
		ConnectorSession first = quotes.session(ConnectorRequest.get("").build()).block(Duration.ofSeconds(5));
		StepVerifier.create(first.receive(String.class))
			.then(() -> first.send("ping").subscribe())
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TransportException.class)
				.hasMessageContaining("closed without a close frame"))
			.verify(Duration.ofSeconds(5));
		String reply = quotes.blocking().request(ConnectorRequest.get("").body("again").build(), String.class);
		assertThat(reply).isEqualTo("again");
		assertThat(this.server.handshakes()).hasSize(2);
	}

	@Test
	void failureAfterTheHandshakeIsNotRetriedWhileARefusedHandshakeIs() {
		Connector quotes = connect(WebSocketServer.start((request, response, number) -> switch (number) {
			case 1 -> WebSocketServer.refuse(response, 503);
			case 2 -> response.sendWebsocket((in, out) -> dropOnFirstMessage(in));
			default -> response.sendWebsocket(WebSocketServer.echo(""));
		}), (builder) -> builder.settings((s) -> s.retry(ClientSettings.RetrySettings.builder()
			.waitDuration(Duration.ofMillis(10))
			.maxAttempts(5)
			.build())));
		assertThatExceptionOfType(TransportException.class)
			.isThrownBy(() -> quotes.blocking().request(ConnectorRequest.get("").body("once").build()))
			.satisfies((error) -> assertThat(error.getAttempts()).isEqualTo(2));
		assertThat(this.server.handshakes()).hasSize(2);
	}

	@Test
	void nothingListeningFailsWithATransportExceptionWithinTheConnectTimeout() {
		this.connector = Connector.builder("quotes")
			.transportRegistry(TransportRegistry.of(new WebSocketTransportFactory()))
			.settings((s) -> s.transport("websocket")
				.baseUrl("ws://127.0.0.1:" + LoopbackServer.unusedPort())
				.connectTimeout(Duration.ofSeconds(2))
				.retry(ClientSettings.RetrySettings.builder().enabled(false).build()))
			.build();
		long start = System.nanoTime();
		assertThatExceptionOfType(TransportException.class)
			.isThrownBy(() -> this.connector.blocking().request(ConnectorRequest.get("/").body("x").build()))
			.satisfies((error) -> assertThat(error.isConnectFailure()).isTrue());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void refusedHandshakeRaisesTheExceptionOfItsStatus() {
		Connector quotes = connect(WebSocketServer.start((request, response, number) -> WebSocketServer
			.refuse(response, request.uri().endsWith("/forbidden") ? 403 : 401)));
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> quotes.blocking().request(ConnectorRequest.get("").body("x").build()))
			.satisfies((error) -> assertThat(error.getStatus()).isEqualTo(401));
		StepVerifier.create(quotes.session(ConnectorRequest.get("/forbidden").build()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(AuthenticationException.class)
				.extracting((e) -> ((AuthenticationException) e).getStatus())
				.isEqualTo(403))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void authenticatorCredentialsGoWithTheHandshake() {
		Connector quotes = connect(WebSocketServer.start((request, response, number) -> "Bearer s3cr3t"
			.equals(request.requestHeaders().get("Authorization"))
					? response.sendWebsocket(WebSocketServer.echo("authorized: "))
					: WebSocketServer.refuse(response, 401)),
				(builder) -> builder.authenticator(Authenticators.bearer(dev.connector.config.Secret.of("s3cr3t")))
					.settings((s) -> s.header("X-Caller", "orders-service")));
		String reply = quotes.blocking().request(ConnectorRequest.get("").header("X-Request", "1").body("hi").build(),
				String.class);
		assertThat(reply).isEqualTo("authorized: hi");
		assertThat(this.server.handshakes()).singleElement().satisfies((headers) -> {
			assertThat(headers.get("X-Caller")).isEqualTo("orders-service");
			assertThat(headers.get("X-Request")).isEqualTo("1");
		});
	}

	@Test
	void sessionHandshakeIsObservedUnderTheCallersObservationTaggedWebsocket() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		Connector quotes = connect(WebSocketServer.upgrading(WebSocketServer.echo("")),
				(builder) -> builder.observationRegistry(registry));
		Observation caller = Observation.createNotStarted("checkout", registry);
		ConnectorSession session = caller.observe(
				() -> quotes.session(ConnectorRequest.get("").build()).block(Duration.ofSeconds(5)));
		session.close().block(Duration.ofSeconds(5));
		assertThat(registry).hasObservationWithNameEqualTo("connector.request")
			.that()
			.hasLowCardinalityKeyValue("transport", "websocket")
			.hasLowCardinalityKeyValue("client", "quotes")
			.hasLowCardinalityKeyValue("status", "101")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasParentObservationContextMatching((parent) -> parent.getName().equals("checkout"));
		// answered at its first attempt: the call's observation is the only one
		assertThat(registry).hasNumberOfObservationsWithNameEqualTo("connector.request.attempt", 0);
	}

	@Test
	void pingsKeepAQuietSessionAliveWhileWithoutThemItIsTakenForDead() {
		// the server says nothing for a while, then one message; pongs count as traffic
		Connector quotes = connect(WebSocketServer.upgrading((in, out) -> out.sendString(
				Mono.delay(Duration.ofMillis(1500)).thenReturn("late"))
			.then()
			.then(out.sendClose(1000, "done"))),
				(builder) -> builder.settings((s) -> s
					.stream(ClientSettings.StreamSettings.builder().idleTimeout(Duration.ofMillis(600)).build())
					.websocket(new ClientSettings.WebSocketSettings(Duration.ofMillis(100)))));
		StepVerifier.create(quotes.session(ConnectorRequest.get("").build())
			.flatMapMany((session) -> session.receive(String.class)))
			.expectNext("late")
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		this.connector.close();
		this.server.close();
		Connector silent = connect(WebSocketServer.upgrading((in, out) -> in.receive().then()),
				(builder) -> builder.settings((s) -> s
					.stream(ClientSettings.StreamSettings.builder().idleTimeout(Duration.ofMillis(300)).build())
					.websocket(new ClientSettings.WebSocketSettings(Duration.ZERO))));
		StepVerifier.create(silent.session(ConnectorRequest.get("").build())
			.flatMapMany((session) -> session.receive(String.class)))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TransportException.class)
				.hasMessageContaining("stream.idle-timeout"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void closingTheConnectorClosesItsOpenSessions() throws InterruptedException {
		CountDownLatch closedByClient = new CountDownLatch(1);
		AtomicReference<WebSocketCloseStatus> status = new AtomicReference<>();
		Connector quotes = connect(WebSocketServer.upgrading((in, out) -> {
			in.receiveCloseStatus().subscribe((closed) -> {
				status.set(closed);
				closedByClient.countDown();
			});
			return in.receive().then();
		}));
		ConnectorSession session = quotes.session(ConnectorRequest.get("").build()).block(Duration.ofSeconds(5));
		StepVerifier.create(session.receive(String.class))
			.then(quotes::close)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConnectorException.class)
				.hasMessageContaining("shutting down")
				.extracting((e) -> ((ConnectorException) e).kind())
				.isEqualTo(FailureKind.REJECTED))
			.verify(Duration.ofSeconds(10));
		assertThat(closedByClient.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(status.get().code()).isEqualTo(1001);
	}

	@Test
	void messagesAreCountedInTheLogAndTheirContentLoggedOnlyAtLevelBody() {
		try (CapturedLogs logs = CapturedLogs.start()) {
			Connector quotes = connect(WebSocketServer.upgrading(WebSocketServer.echo("")),
					(builder) -> builder.settings((s) -> s.logging(
							ClientSettings.LoggingSettings.builder().level(ClientSettings.LogLevel.BASIC).build())));
			quotes.blocking().request(ConnectorRequest.get("").body("confidential-payload").build(), String.class);
			await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> logs.lines().stream().anyMatch((line) -> line.contains("event=connector.websocket.closed")));
			assertThat(logs.lines()).anySatisfy((line) -> assertThat(line).contains("event=connector.websocket.closed")
				.contains("messages_sent=1")
				.contains("messages_received=1"));
			assertThat(logs.lines()).noneSatisfy((line) -> assertThat(line).contains("confidential-payload"));
		}
		this.connector.close();
		this.server.close();
		try (CapturedLogs logs = CapturedLogs.start()) {
			Connector quotes = connect(WebSocketServer.upgrading(WebSocketServer.echo("")),
					(builder) -> builder.settings((s) -> s.logging(
							ClientSettings.LoggingSettings.builder().level(ClientSettings.LogLevel.BODY).build())));
			quotes.blocking().request(ConnectorRequest.get("").body("visible-payload").build(), String.class);
			assertThat(logs.lines()).anySatisfy((line) -> assertThat(line).contains("event=connector.websocket.message")
				.contains("direction=received")
				.contains("visible-payload"));
		}
	}

	@Test
	void healthProbeIsAnsweredByTheHandshakeWithoutWaitingForAMessage() {
		Connector quotes = connect(WebSocketServer.upgrading((in, out) -> in.receive().then()));
		StepVerifier.create(quotes.probe(ConnectorRequest.get("").build()))
			.assertNext((response) -> assertThat(response.status()).isEqualTo(101))
			.verifyComplete();
	}

	@Test
	void aFailedSendFailsAloneAndTheSessionGoesOn() {
		Connector quotes = connect(WebSocketServer.upgrading(WebSocketServer.echo("")));
		ConnectorSession session = quotes.session(ConnectorRequest.get("").build()).block(Duration.ofSeconds(5));
		StepVerifier.create(session.receive(String.class))
			.then(() -> session.send(Flux.concat(Flux.just("before"), Flux.error(new IllegalStateException("boom"))))
				.onErrorResume((error) -> session.send("after"))
				.subscribe())
			.expectNext("before", "after")
			.then(() -> session.close().subscribe())
			.verifyComplete();
	}

	@Test
	void httpClientsAnswerASessionWithAConfigurationException() {
		try (LoopbackServer http = LoopbackServer.start((request, response) -> response.sendString(Mono.just("ok")));
				Connector payments = Connector.builder("payments").settings((s) -> s.baseUrl(http.baseUrl())).build()) {
			StepVerifier.create(payments.session(ConnectorRequest.get("/").build()))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConfigurationException.class)
					.hasMessageContaining("transport 'http' holds no sessions"))
				.verify(Duration.ofSeconds(5));
			assertThat(http.requests()).isEmpty();
		}
	}

	@Test
	void aClientNeedsAWebSocketUrl() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> Connector.builder("quotes")
				.transportRegistry(TransportRegistry.of(new WebSocketTransportFactory()))
				.settings((s) -> s.transport("websocket").baseUrl("http://127.0.0.1:8080"))
				.build())
			.withMessageContaining("needs ws or wss");
	}

	/**
	 * Close the connection (no close frame) when the first message arrives.
	 */
	private static Mono<Void> dropOnFirstMessage(WebsocketInbound in) {
		return in.receive()
			.concatMap((message) -> Mono.fromRunnable(() -> in.withConnection((connection) -> connection.channel().close())))
			.then();
	}

	record Quote(String symbol, double price) {
	}

}
