package dev.connector.transport.sdk.anthropic;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.connector.AuthenticationException;
import dev.connector.Connector;
import dev.connector.ServerErrorException;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;
import dev.connector.test.LoopbackServer;
import dev.connector.test.VendorWire;
import dev.connector.transport.TransportRegistry;
import dev.connector.transport.sdk.SdkTransportFactory;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The official Anthropic Java SDK behind a Connector client of transport {@code sdk},
 * against a loopback server that speaks the Anthropic wire format.
 */
class AnthropicSdkTest {

	private static final String API_KEY = "sk-ant-test-secret";

	private static final MessageCreateParams PARAMS = MessageCreateParams.builder()
		.model("claude-test")
		.maxTokens(64)
		.addUserMessage("Say hello")
		.build();

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;

	@Test
	void completesACallThroughTheSdk() {
		Connector anthropic = connect((request, response) -> response.header("Content-Type", "application/json")
			.sendString(Mono.just(VendorWire.anthropicMessage("Hello there"))));

		Message message = anthropic.sdk(AnthropicClientAsync.class)
			.call((client) -> client.messages().create(PARAMS))
			.block(Duration.ofSeconds(10));

		assertThat(message.content().get(0).asText().text()).isEqualTo("Hello there");
		LoopbackServer.RecordedRequest sent = this.server.lastRequest();
		assertThat(sent.path()).isEqualTo("/v1/messages");
		// the SDK sends the key as it sees fit (this version: Authorization: Bearer)
		assertThat(String.valueOf(sent.headers().get("x-api-key")) + " " + sent.headers().get("Authorization"))
			.contains(API_KEY);
	}

	@Test
	void streamsEventsAsTheSdkYieldsThem() {
		List<String> events = VendorWire.anthropicStream("Hel", "lo");
		CompletableFuture<Void> firstDeltaReceived = new CompletableFuture<>();
		// message_start, content_block_start and the first delta; the rest once the subscriber has that delta
		Connector anthropic = connect((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(Flux.concat(Flux.fromIterable(events.subList(0, 3)),
					Mono.fromFuture(firstDeltaReceived).then(Mono.empty()),
					Flux.fromIterable(events.subList(3, events.size())))));

		Flux<String> deltas = anthropic.sdk(AnthropicClientAsync.class)
			.stream((client) -> client.messages().createStreaming(PARAMS), RawMessageStreamEvent.class)
			.filter(RawMessageStreamEvent::isContentBlockDelta)
			.map((event) -> event.asContentBlockDelta().delta().asText().text());

		StepVerifier.create(deltas)
			.expectNext("Hel")
			.then(() -> firstDeltaReceived.complete(null))
			.expectNext("lo")
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void unauthorizedBecomesAuthenticationException() {
		Connector anthropic = connect((request, response) -> response.status(401)
			.header("Content-Type", "application/json")
			.sendString(Mono.just(VendorWire.anthropicError("authentication_error", "invalid x-api-key"))));

		assertThatThrownBy(() -> anthropic.sdk(AnthropicClientAsync.class)
			.call((client) -> client.messages().create(PARAMS))
			.block(Duration.ofSeconds(10))).isInstanceOfSatisfying(AuthenticationException.class,
					(failure) -> assertThat(failure.getStatus()).isEqualTo(401))
			.satisfies((failure) -> assertThat(failure.toString()).doesNotContain(API_KEY));
	}

	@Test
	void rateLimitIsRetriedAfterItsRetryAfterByConnectorsPolicyAlone() {
		Connector anthropic = connect((request, response) -> (this.server.requests().size() == 1)
				? response.status(429).header("Retry-After", "1").header("Content-Type", "application/json")
					.sendString(Mono.just(VendorWire.anthropicError("rate_limit_error", "Rate limited")))
				: response.header("Content-Type", "application/json")
					.sendString(Mono.just(VendorWire.anthropicMessage("Hello after waiting"))));
		long started = System.nanoTime();

		Message message = anthropic.sdk(AnthropicClientAsync.class)
			.call((client) -> client.messages().create(PARAMS))
			.block(Duration.ofSeconds(10));

		assertThat(message.content().get(0).asText().text()).isEqualTo("Hello after waiting");
		// one attempt of Connector's per request, none of the SDK's own, one Retry-After apart
		assertThat(this.server.requests()).hasSize(2);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void retriesAnOverloadedUpstreamByConnectorsPolicyAlone() {
		Connector anthropic = connect((request, response) -> response.status(529)
			.header("Content-Type", "application/json")
			.sendString(Mono.just(VendorWire.anthropicError("overloaded_error", "Overloaded"))));

		assertThatThrownBy(() -> anthropic.sdk(AnthropicClientAsync.class)
			.call((client) -> client.messages().create(PARAMS))
			.block(Duration.ofSeconds(10))).isInstanceOfSatisfying(ServerErrorException.class, (failure) -> {
				assertThat(failure.getStatus()).isEqualTo(529);
				assertThat(failure.getAttempts()).isEqualTo(1);
			});
		// 529 is not in retry-on-status: one attempt, and none of the SDK's own
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void cancellingTheStreamClosesTheSdksConnection() {
		List<String> events = VendorWire.anthropicStream("Hel");
		Connector anthropic = connect((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(Flux.concat(Flux.fromIterable(events.subList(0, 3)), Flux.never())));

		StepVerifier.create(anthropic.sdk(AnthropicClientAsync.class)
			.stream((client) -> client.messages().createStreaming(PARAMS), RawMessageStreamEvent.class))
			.expectNextCount(3)
			.then(() -> assertThat(this.server.openConnections()).isEqualTo(1))
			.thenCancel()
			.verify(Duration.ofSeconds(10));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.openConnections() == 0);
	}

	private Connector connect(LoopbackServer.Handler handler) {
		this.server = LoopbackServer.start(handler);
		this.connector = Connector.builder("anthropic")
			.settings((s) -> s.transport("sdk")
				.sdk(new ClientSettings.SdkSettings("anthropic"))
				.baseUrl(this.server.baseUrl())
				.auth(AuthSettings.builder().apiKeyValue(Secret.of(API_KEY)).build()))
			.transportRegistry(TransportRegistry.of(new SdkTransportFactory(List.of(new AnthropicClientFactory()))))
			.build();
		return this.connector;
	}

}
