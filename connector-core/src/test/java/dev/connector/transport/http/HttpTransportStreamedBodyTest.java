package dev.connector.transport.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies given as a {@link org.reactivestreams.Publisher}, sent through the
 * {@code http} transport to a real loopback server.
 */
class HttpTransportStreamedBodyTest {

	private final HttpTransportUnderTest transport;

	HttpTransportStreamedBodyTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}


	private static final Duration PATIENCE = Duration.ofSeconds(10);

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;

	private void connect(LoopbackServer server) {
		this.server = server;
		this.connector = this.transport.builder("uploads").settings((s) -> s.baseUrl(server.baseUrl())).build();
	}

	private static LoopbackServer.Handler ok() {
		return (request, response) -> response.sendString(Mono.just("ok"));
	}

	private void send(ConnectorRequest request) {
		StepVerifier.create(this.connector.request(request))
			.assertNext((response) -> assertThat(response.status()).isEqualTo(200))
			.expectComplete()
			.verify(PATIENCE);
	}

	@EachHttpTransport
	void byteArrayChunksArriveByteForByte() {
		connect(LoopbackServer.start(ok()));
		byte[] sent = new byte[3 * 1024 * 1024 + 17];
		new Random(42).nextBytes(sent);
		int chunk = 64 * 1024;
		Flux<byte[]> chunks = Flux.range(0, (sent.length + chunk - 1) / chunk)
			.map((i) -> Arrays.copyOfRange(sent, i * chunk, Math.min(sent.length, (i + 1) * chunk)));
		send(ConnectorRequest.post("/files")
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM_VALUE)
			.body(chunks)
			.build());
		byte[] received = this.server.lastRequest().bodyBytes();
		assertThat(received).hasSameSizeAs(sent);
		assertThat(Arrays.mismatch(received, sent)).as("index of the first byte that differs").isEqualTo(-1);
		assertThat(this.server.lastRequest().headers().get(HttpHeaders.CONTENT_TYPE))
			.isEqualTo(MediaType.APPLICATION_OCTET_STREAM_VALUE);
	}

	@EachHttpTransport
	void stringElementsArriveAsTheirConcatenation() {
		connect(LoopbackServer.start(ok()));
		send(ConnectorRequest.post("/notes")
			.header(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_PLAIN_VALUE)
			.body(Flux.just("once ", "upon ", "a time", " — ünïcode"))
			.build());
		assertThat(this.server.lastRequest().body()).isEqualTo("once upon a time — ünïcode");
	}

	@EachHttpTransport
	void eachElementIsWrittenBeforeTheNextIsEmitted() {
		Sinks.Empty<Void> firstChunkArrived = Sinks.empty();
		connect(LoopbackServer.start(ok(), (chunk) -> firstChunkArrived.tryEmitEmpty()));
		// The last element waits for the server to have read the first: a client that
		// buffered the body before writing it would never send either.
		Flux<String> body = Flux.concat(Mono.just("first "), firstChunkArrived.asMono().then(Mono.just("last")));
		send(ConnectorRequest.post("/notes")
			.header(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_PLAIN_VALUE)
			.body(body)
			.build());
		assertThat(this.server.lastRequest().body()).isEqualTo("first last");
	}

	@EachHttpTransport
	void objectsOfADeclaredTypeAreEncodedOneNdjsonLineEach() {
		connect(LoopbackServer.start(ok()));
		Flux<Reading> readings = Flux.just(new Reading("boiler", 71), new Reading("tank", 12));
		send(ConnectorRequest.post("/readings")
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_NDJSON_VALUE)
			.body(readings, Reading.class)
			.build());
		assertThat(this.server.lastRequest().body())
			.isEqualTo("{\"sensor\":\"boiler\",\"value\":71}\n{\"sensor\":\"tank\",\"value\":12}\n");
	}

	record Reading(String sensor, int value) {
	}

}
