package dev.connector.transport.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redirects on the {@code http} transport: off by default, and when on, credentials stay
 * with the origin they were meant for.
 */
class HttpTransportRedirectTest {

	private final HttpTransportUnderTest transport;

	HttpTransportRedirectTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}


	private static final Duration PATIENCE = Duration.ofSeconds(10);

	/** Another origin: the same loopback address on another port. */
	@AutoClose
	private final LoopbackServer elsewhere = LoopbackServer
		.start((request, response) -> response.sendString(Mono.just("elsewhere")));

	@AutoClose
	private final LoopbackServer origin = LoopbackServer.start((request, response) -> switch (request.path()) {
		case "/to-same-origin" -> redirect(response, "/landing");
		case "/to-elsewhere" -> redirect(response, this.elsewhere.baseUrl() + "/landing");
		default -> response.sendString(Mono.just("landed"));
	});

	@AutoClose
	private Connector connector;

	private static Mono<Void> redirect(HttpServerResponse response, String location) {
		return response.status(302).header(HttpHeaders.LOCATION, location).send();
	}

	private Connector client(Consumer<ClientSettings.Builder> settings) {
		this.connector = this.transport.builder("payments").settings((s) -> {
			s.baseUrl(this.origin.baseUrl()).timeout(PATIENCE);
			settings.accept(s);
		}).build();
		return this.connector;
	}

	private static AuthSettings apiKey() {
		return AuthSettings.builder()
			.type(AuthSettings.Type.API_KEY)
			.apiKeyHeader("X-Api-Key")
			.apiKeyValue(Secret.of("key-for-origin-only"))
			.build();
	}

	@EachHttpTransport
	void redirectIsAnsweredAsItIsWhenRedirectsAreOff() {
		Connector payments = client((s) -> {
		});
		StepVerifier.create(payments.request(ConnectorRequest.get("/to-same-origin").build()))
			.assertNext((response) -> {
				assertThat(response.status()).isEqualTo(302);
				assertThat(response.headers().getFirst(HttpHeaders.LOCATION)).isEqualTo("/landing");
			})
			.expectComplete()
			.verify(PATIENCE);
		assertThat(this.origin.requests()).hasSize(1);
	}

	@EachHttpTransport
	void redirectToTheSameOriginKeepsAuthorizationAndTheApiKey() {
		Connector payments = client((s) -> s.followRedirects(true)
			.auth(apiKey())
			.headers(Map.of(HttpHeaders.AUTHORIZATION, List.of("Bearer origin-token"))));
		StepVerifier.create(payments.request(ConnectorRequest.get("/to-same-origin").build()))
			.assertNext((response) -> assertThat(response.bodyAsString()).isEqualTo("landed"))
			.expectComplete()
			.verify(PATIENCE);
		LoopbackServer.RecordedRequest landing = this.origin.lastRequest();
		assertThat(landing.path()).isEqualTo("/landing");
		assertThat(landing.headers().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer origin-token");
		assertThat(landing.headers().get("X-Api-Key")).isEqualTo("key-for-origin-only");
	}

	@EachHttpTransport
	void redirectToAnotherOriginCarriesNoAuthorizationCookieOrApiKey() {
		Connector payments = client((s) -> s.followRedirects(true)
			.auth(apiKey())
			.headers(Map.of(HttpHeaders.AUTHORIZATION, List.of("Bearer origin-token"), HttpHeaders.COOKIE,
					List.of("session=origin-session"))));
		StepVerifier.create(payments.request(ConnectorRequest.get("/to-elsewhere").build()))
			.assertNext((response) -> assertThat(response.bodyAsString()).isEqualTo("elsewhere"))
			.expectComplete()
			.verify(PATIENCE);
		assertThat(this.origin.lastRequest().headers().get("X-Api-Key")).isEqualTo("key-for-origin-only");
		LoopbackServer.RecordedRequest landing = this.elsewhere.lastRequest();
		assertThat(landing.path()).isEqualTo("/landing");
		assertThat(landing.headers().names().stream().map(String::toLowerCase))
			.doesNotContain("authorization", "cookie", "x-api-key");
	}

}
