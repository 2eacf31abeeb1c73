package dev.connector.autoconfigure;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's customizations of Reactor Netty's {@code HttpClient}, in the line's own
 * bean type ({@link BootLine#httpClientCustomizer}: Boot 3's
 * {@code ReactorNettyHttpClientMapper}, Boot 4's reactor
 * {@code ClientHttpConnectorBuilderCustomizer}), apply to every auto-configured {@code http}
 * and {@code netty} client, in order, and cannot carry a client's credentials to another
 * origin.
 */
class ApplicationHttpClientCustomizerTest {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner;

	@AutoClose
	private LoopbackServer server;

	ApplicationHttpClientCustomizerTest(HttpTransportUnderTest transport) {
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
			.withConfiguration(BootLine.webClient())
			.withConfiguration(BootLine.sslAndHttpConnector())
			.withBean(ReactorResourceFactory.class, ContextReactorResources::create)
			.withPropertyValues("connector.defaults.retry.enabled=false", "connector.defaults.timeout=10s",
					"connector.defaults.transport=" + transport.type());
	}

	private static Mono<ConnectorResponse> hello(Connector connector) {
		return connector.request(ConnectorRequest.get("/hello").build());
	}

	private static HttpClient header(HttpClient client, String value) {
		return client.headers((headers) -> headers.add("X-Mapped", value));
	}

	@EachHttpTransport
	void applicationsHttpClientCustomizationsApplyToEveryClientInOrder() {
		this.server = LoopbackServer.start((request, response) -> response
			.sendString(Mono.just(String.join(",", request.headers().getAll("X-Mapped")))));
		// registered in the reverse of their order, so that only the order can explain the result
		this.contextRunner.with(BootLine.httpClientCustomizer("second", 2, (client) -> header(client, "second")))
			.with(BootLine.httpClientCustomizer("first", 1, (client) -> header(client, "first")))
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.quotes.base-url=" + this.server.baseUrl())
			.run((context) -> {
				for (String client : new String[] { "payments", "quotes" }) {
					StepVerifier.create(hello(context.getBean(client, Connector.class)))
						.assertNext((response) -> assertThat(response.bodyAsString()).isEqualTo("first,second"))
						.expectComplete()
						.verify(PATIENCE);
				}
			});
	}

	@EachHttpTransport
	void customizationThatFollowsRedirectsCannotCarryTheApiKeyToAnotherOrigin() {
		try (LoopbackServer elsewhere = LoopbackServer
			.start((request, response) -> response.sendString(Mono.just(String.valueOf(request.headers().get("X-Api-Key")))))) {
			this.server = LoopbackServer.start((request, response) -> response.status(302)
				.header(HttpHeaders.LOCATION, elsewhere.baseUrl() + "/landing")
				.send());
			this.contextRunner.with(BootLine.httpClientCustomizer("followRedirects", 0, (client) -> client.followRedirect(true)))
				.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
						"connector.clients.payments.follow-redirects=true",
						"connector.clients.payments.auth.type=api-key",
						"connector.clients.payments.auth.api-key.header=X-Api-Key",
						"connector.clients.payments.auth.api-key.value=key-for-origin-only")
				.run((context) -> StepVerifier.create(hello(context.getBean(Connector.class)))
					.assertNext((response) -> assertThat(response.bodyAsString()).isEqualTo("null"))
					.expectComplete()
					.verify(PATIENCE));
			assertThat(this.server.lastRequest().headers().get("X-Api-Key")).isEqualTo("key-for-origin-only");
			assertThat(elsewhere.requests()).hasSize(1);
		}
	}

}
