package dev.connector.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import dev.connector.AuthenticationException;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRegistry;
import dev.connector.ConnectorRequest;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Bearer, basic and API key credentials in a running application, with request logging at
 * {@code body}: the upstream gets them, and neither the application's output, nor any
 * exception, nor {@code /actuator/connectors} (even with values shown),
 * {@code /actuator/configprops} or {@code /actuator/env} shows them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"connector.defaults.logging.level=body",
		"connector.clients.quotes.auth.bearer.token=" + SecretsDoNotLeakTest.BEARER,
		"connector.clients.basic-partner.base-url=http://127.0.0.1:${demo.upstream.port}",
		"connector.clients.basic-partner.auth.type=basic",
		"connector.clients.basic-partner.auth.basic.username=orders",
		"connector.clients.basic-partner.auth.basic.password=" + SecretsDoNotLeakTest.PASSWORD,
		"connector.clients.key-partner.base-url=http://127.0.0.1:${demo.upstream.port}",
		"connector.clients.key-partner.auth.type=api-key",
		"connector.clients.key-partner.auth.api-key.header=X-Partner-Key",
		"connector.clients.key-partner.auth.api-key.value=" + SecretsDoNotLeakTest.API_KEY,
		"connector.clients.query-partner.base-url=http://127.0.0.1:${demo.upstream.port}",
		"connector.clients.query-partner.auth.type=api-key",
		"connector.clients.query-partner.auth.api-key.query-param=appid",
		"connector.clients.query-partner.auth.api-key.value=" + SecretsDoNotLeakTest.QUERY_KEY,
		"connector.default-client=quotes",
		"management.endpoints.web.exposure.include=connectors,configprops,env,health",
		"management.endpoint.connectors.show-values=always" })
@ExtendWith(OutputCaptureExtension.class)
class SecretsDoNotLeakTest {

	static final String BEARER = "Bearer-S3cret-71";

	static final String PASSWORD = "Basic-S3cret-72";

	static final String API_KEY = "Header-S3cret-73";

	static final String QUERY_KEY = "Query-S3cret-74";

	private static final List<String> SECRETS = List.of(BEARER, PASSWORD, API_KEY, QUERY_KEY);

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

	@Autowired
	private ConnectorRegistry connectors;

	@Test
	void noSecretIsShownAnywhere(CapturedOutput output) {
		List<String> shown = new ArrayList<>();
		// the bearer client gets its quote; the demo upstream answers 401 to the others
		this.client.get().uri("/demo/quote/acme").exchange().expectStatus().isOk();
		shown.add(this.client.get().uri("/demo/slow").exchange().expectStatus().isEqualTo(504)
			.expectBody(String.class).returnResult().getResponseBody());
		for (String name : List.of("basic-partner", "key-partner", "query-partner")) {
			AuthenticationException error = catchThrowableOfType(AuthenticationException.class,
					() -> this.connectors.get(name).blocking().request(ConnectorRequest.get("/quotes/acme").build()));
			assertThat(error.getStatus()).isEqualTo(401);
			for (Throwable cause = error; cause != null; cause = cause.getCause()) {
				shown.add(cause.toString());
			}
			shown.add(((ConnectorException) error).getUri().toString());
			shown.add(this.connectors.get(name).settings().toString());
		}
		for (String endpoint : List.of("connectors", "configprops", "env")) {
			shown.add(this.client.get().uri("/actuator/" + endpoint).exchange().expectStatus().isOk()
				.expectBody(String.class).returnResult().getResponseBody());
		}
		shown.add(output.getAll());
		assertThat(output.getAll()).contains("event=connector.request.sent client=key-partner")
			.contains("X-Partner-Key=")
			.contains("appid=******");
		assertThat(shown).anySatisfy((text) -> assertThat(text).startsWith("{\"clients\"")
			.contains("\"password\":\"******\""));
		for (String secret : SECRETS) {
			assertThat(shown).as(secret).noneSatisfy((text) -> assertThat(text).contains(secret));
		}
	}

}
