package dev.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Round trips through the {@code http} transport against a real loopback server.
 */
class ConnectorHttpTest {

	private final HttpTransportUnderTest transport;

	ConnectorHttpTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}


	private static final ObjectMapper json = new ObjectMapper();

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;


	/** Answers every request with a JSON description of what it received. */
	private void startEchoServer() {
		this.server = LoopbackServer.start((request, response) -> {
			try {
				String body = json.writeValueAsString(new Echo(request.method(), request.path(), request.query(),
						request.headers().get("X-Trace"), request.headers().get("X-Caller"), request.body()));
				return response.header("Content-Type", "application/json").sendString(Mono.just(body));
			}
			catch (Exception ex) {
				return Mono.error(ex);
			}
		});
		this.connector = this.transport.builder("echo")
			.settings((settings) -> settings.baseUrl(this.server.baseUrl() + "/api").header("X-Caller", "tests"))
			.build();
	}

	@EachHttpTransport
	void getSendsPathQueryAndHeadersAndDecodesJson() {
		startEchoServer();
		Echo echo = this.connector.blocking()
			.request(ConnectorRequest.get("/items/42").query("q", "a b&c").query("tag", "x", "y")
				.header("X-Trace", "t-1").build(), Echo.class);
		assertThat(echo.method()).isEqualTo("GET");
		assertThat(echo.path()).isEqualTo("/api/items/42");
		assertThat(echo.query()).isEqualTo("q=a%20b%26c&tag=x&tag=y");
		assertThat(echo.trace()).isEqualTo("t-1");
		assertThat(echo.caller()).isEqualTo("tests");
	}

	@EachHttpTransport
	void postEncodesObjectBodyAsJson() throws Exception {
		startEchoServer();
		Echo echo = this.connector.blocking()
			.request(ConnectorRequest.post("/items").body(Map.of("name", "widget", "price", 3)).build(), Echo.class);
		assertThat(echo.method()).isEqualTo("POST");
		assertThat(json.readTree(echo.body())).isEqualTo(json.readTree("{\"name\":\"widget\",\"price\":3}"));
		assertThat(this.server.lastRequest().headers().get("Content-Type")).startsWith("application/json");
	}

	@EachHttpTransport
	void putAndDeleteRoundTrip() {
		startEchoServer();
		Echo put = this.connector.blocking()
			.request(ConnectorRequest.put("/items/7").body("plain text").build(), Echo.class);
		assertThat(put.method()).isEqualTo("PUT");
		assertThat(put.body()).isEqualTo("plain text");
		ConnectorResponse deleted = this.connector.blocking().request(ConnectorRequest.delete("/items/7").build());
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.body(Echo.class).method()).isEqualTo("DELETE");
		assertThat(deleted.attempts()).isEqualTo(1);
	}

	@EachHttpTransport
	void requestHeaderReplacesClientHeaderOfSameName() {
		startEchoServer();
		Echo echo = this.connector.blocking()
			.request(ConnectorRequest.get("/x").header("X-Caller", "override").build(), Echo.class);
		assertThat(echo.caller()).isEqualTo("override");
	}

	@EachHttpTransport
	void absoluteUriIgnoresBaseUrl() {
		startEchoServer();
		Echo echo = this.connector.blocking()
			.request(ConnectorRequest.method(HttpMethod.GET, java.net.URI.create(this.server.baseUrl() + "/elsewhere"))
				.query("a", 1)
				.build(), Echo.class);
		assertThat(echo.path()).isEqualTo("/elsewhere");
		assertThat(echo.query()).isEqualTo("a=1");
	}

	@EachHttpTransport
	void decodesGenericTypes() {
		this.server = LoopbackServer.start((request, response) -> response.header("Content-Type", "application/json")
			.sendString(Mono.just("[{\"name\":\"a\"},{\"name\":\"b\"}]")));
		this.connector = this.transport.builder("items").settings((s) -> s.baseUrl(this.server.baseUrl())).build();
		List<Map<String, String>> items = this.connector.blocking()
			.request(ConnectorRequest.get("/items").build(), new ParameterizedTypeReference<>() {
			});
		assertThat(items).extracting((item) -> item.get("name")).containsExactly("a", "b");
	}

	@EachHttpTransport
	void emptyBodyDecodesToEmptyMono() {
		this.server = LoopbackServer.start((request, response) -> response.status(204).send());
		this.connector = this.transport.builder("items").settings((s) -> s.baseUrl(this.server.baseUrl())).build();
		StepVerifier.create(this.connector.request(ConnectorRequest.delete("/items/1").build(), Echo.class))
			.verifyComplete();
	}

	@EachHttpTransport
	void undecodableBodyRaisesDecodeExceptionWithExcerpt() {
		this.server = LoopbackServer.start((request, response) -> response.header("Content-Type", "application/json")
			.sendString(Mono.just("{not json")));
		this.connector = this.transport.builder("items").settings((s) -> s.baseUrl(this.server.baseUrl())).build();
		assertThatExceptionOfType(DecodeException.class)
			.isThrownBy(() -> this.connector.blocking().request(ConnectorRequest.get("/items").build(), Echo.class))
			.withMessageContaining("client=items")
			.withMessageContaining("GET " + this.server.baseUrl() + "/items")
			.withMessageContaining("{not json");
	}

	@EachHttpTransport
	void bodyLargerThanMaxInMemorySizeRaisesDecodeException() {
		String big = "x".repeat(10_000);
		this.server = LoopbackServer.start((request, response) -> response.sendString(Mono.just(big)));
		this.connector = this.transport.builder("big")
			.settings((s) -> s.baseUrl(this.server.baseUrl()).maxInMemorySize(1024))
			.build();
		assertThatExceptionOfType(DecodeException.class)
			.isThrownBy(() -> this.connector.blocking().request(ConnectorRequest.get("/big").build()))
			.withMessageContaining("max-in-memory-size (1024 bytes)");
	}

	@EachHttpTransport
	void interceptorsRunInOrderAndMayChangeTheRequest() {
		startEchoServer();
		this.connector.close();
		this.connector = this.transport.builder("echo")
			.settings((s) -> s.baseUrl(this.server.baseUrl()))
			.interceptor((request, chain) -> chain.proceed(request.toBuilder().header("X-Trace", "first").build()))
			.interceptor((request, chain) -> chain
				.proceed(request.toBuilder().path(request.path() + "/" + chain.clientName()).build()))
			.build();
		Echo echo = this.connector.blocking().request(ConnectorRequest.get("/items").build(), Echo.class);
		assertThat(echo.trace()).isEqualTo("first");
		assertThat(echo.path()).isEqualTo("/items/echo");
	}

	@EachHttpTransport
	void closedConnectorRejectsCalls() {
		startEchoServer();
		this.connector.close();
		assertThatExceptionOfType(ConnectorException.class)
			.isThrownBy(() -> this.connector.blocking().request(ConnectorRequest.get("/x").build()))
			.withMessageContaining("Client is closed");
	}

	record Echo(String method, String path, String query, String trace, String caller, String body) {
	}

}
