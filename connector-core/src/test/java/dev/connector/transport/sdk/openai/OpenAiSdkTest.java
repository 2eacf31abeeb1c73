package dev.connector.transport.sdk.openai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.openai.client.OpenAIClientAsync;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.connector.AuthenticationException;
import dev.connector.ConfigurationException;
import dev.connector.Connector;
import dev.connector.RateLimitedException;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;
import dev.connector.observation.ConnectorObservationContext;
import dev.connector.test.LoopbackServer;
import dev.connector.test.VendorWire;
import dev.connector.transport.TransportRegistry;
import dev.connector.transport.sdk.SdkTransportFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The official OpenAI Java SDK behind a Connector client of transport {@code sdk}, against
 * a loopback server that speaks the OpenAI wire format.
 */
class OpenAiSdkTest {

	private static final String API_KEY = "sk-test-secret-key";

	private static final ChatCompletionCreateParams PARAMS = ChatCompletionCreateParams.builder()
		.model("gpt-test")
		.addUserMessage("Say hello")
		.build();

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	@Test
	void completesACallThroughTheSdk() {
		Connector openai = connect((request, response) -> response.header("Content-Type", "application/json")
			.sendString(Mono.just(VendorWire.openAiCompletion("Hello there"))), (settings) -> {
			});

		ChatCompletion completion = openai.sdk(OpenAIClientAsync.class)
			.call((client) -> client.chat().completions().create(PARAMS))
			.block(Duration.ofSeconds(10));

		assertThat(completion.choices().get(0).message().content()).contains("Hello there");
		LoopbackServer.RecordedRequest sent = this.server.lastRequest();
		assertThat(sent.method()).isEqualTo("POST");
		assertThat(sent.path()).isEqualTo("/chat/completions");
		assertThat(sent.headers().get("Authorization")).isEqualTo("Bearer " + API_KEY);
		assertThat(sent.body()).contains("\"model\":\"gpt-test\"");
	}

	@Test
	void streamsChunksAsTheSdkYieldsThem() {
		CompletableFuture<Void> firstChunkReceived = new CompletableFuture<>();
		// the server sends the rest only once the subscriber holds the first chunk
		Connector openai = connect((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(Flux.concat(Mono.just(VendorWire.openAiChunk("Hel")),
					Mono.fromFuture(firstChunkReceived).then(Mono.empty()),
					Flux.just(VendorWire.openAiChunk("lo"), VendorWire.openAiDone()))),
				(settings) -> {
				});

		Flux<String> pieces = openai.sdk(OpenAIClientAsync.class)
			.stream((client) -> client.chat().completions().createStreaming(PARAMS), ChatCompletionChunk.class)
			.map((chunk) -> chunk.choices().get(0).delta().content().orElse(""));

		StepVerifier.create(pieces)
			.expectNext("Hel")
			.then(() -> firstChunkReceived.complete(null))
			.expectNext("lo")
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void retriesARateLimitOnceAttemptByConnectorsPolicyAlone() {
		AtomicInteger requests = new AtomicInteger();
		Connector openai = connect((request, response) -> {
			requests.incrementAndGet();
			return response.status(429)
				.header("Retry-After", "1")
				.header("Content-Type", "application/json")
				.sendString(Mono.just(VendorWire.openAiError("Rate limit reached")));
		}, (settings) -> settings.retry(ClientSettings.RetrySettings.builder()
			.maxAttempts(2)
			.waitDuration(Duration.ofMillis(10))
			.build()));
		long started = System.nanoTime();

		Mono<ChatCompletion> call = openai.sdk(OpenAIClientAsync.class)
			.call((client) -> client.chat().completions().create(PARAMS));

		assertThatThrownBy(() -> call.block(Duration.ofSeconds(10))).isInstanceOfSatisfying(RateLimitedException.class,
				(failure) -> {
					assertThat(failure.getStatus()).isEqualTo(429);
					assertThat(failure.getRetryAfter()).isEqualTo(Duration.ofSeconds(1));
					assertThat(failure.getAttempts()).isEqualTo(2);
					assertThat(failure.getClientName()).isEqualTo("openai");
					assertThat(failure.getCause()).isInstanceOf(com.openai.errors.RateLimitException.class);
				});
		// two attempts of Connector's, none of the SDK's own, one Retry-After apart
		assertThat(requests).hasValue(2);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void unauthorizedBecomesAuthenticationExceptionWithoutTheKey() {
		Connector openai = connect((request, response) -> response.status(401)
			.header("Content-Type", "application/json")
			.sendString(Mono.just(VendorWire.openAiError("Incorrect API key provided"))), (settings) -> {
			});

		Mono<ChatCompletion> call = openai.sdk(OpenAIClientAsync.class)
			.call((client) -> client.chat().completions().create(PARAMS));

		assertThatThrownBy(() -> call.block(Duration.ofSeconds(10)))
			.isInstanceOfSatisfying(AuthenticationException.class, (failure) -> {
				assertThat(failure.getStatus()).isEqualTo(401);
				assertThat(failure.getAttempts()).isEqualTo(1);
				assertThat(failure.getBodyExcerpt()).contains("Incorrect API key provided");
			})
			.satisfies((failure) -> assertThat(failure.toString()).doesNotContain(API_KEY));
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void cancellingTheStreamClosesTheSdksConnection() {
		Connector openai = connect((request, response) -> response.header("Content-Type", "text/event-stream")
			.sendString(Flux.concat(Mono.just(VendorWire.openAiChunk("Hel")), Flux.never())), (settings) -> {
			});

		StepVerifier.create(openai.sdk(OpenAIClientAsync.class)
			.stream((client) -> client.chat().completions().createStreaming(PARAMS), ChatCompletionChunk.class))
			.expectNextCount(1)
			.then(() -> assertThat(this.server.openConnections()).isEqualTo(1))
			.thenCancel()
			.verify(Duration.ofSeconds(10));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.openConnections() == 0);
	}

	@Test
	void observesSdkCallsUnderTheCallersObservationTaggedSdk() {
		Connector openai = connect((request, response) -> response.header("Content-Type", "application/json")
			.sendString(Mono.just(VendorWire.openAiCompletion("Hello"))), (settings) -> {
			}, Connector.builder("openai").observationRegistry(this.observations));
		Observation caller = Observation.start("caller", this.observations);

		openai.sdk(OpenAIClientAsync.class)
			.call((client) -> client.chat().completions().create(PARAMS))
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, caller))
			.block(Duration.ofSeconds(10));
		caller.stop();

		assertThat(this.observations).hasObservationWithNameEqualTo("connector.request")
			.that()
			.hasLowCardinalityKeyValue("client", "openai")
			.hasLowCardinalityKeyValue("transport", "sdk")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasParentObservationEqualTo(caller);
		// answered at its first attempt: the call's observation is the only one
		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo("connector.request.attempt", 0);
		assertThat(openai.health().consecutiveFailures()).isZero();
		assertThat(openai.health().lastSuccess()).isNotNull();
	}

	@Test
	void aClientOfAnotherTransportSaysItWrapsNoSdk() {
		this.connector = Connector.builder("payments").settings((s) -> s.baseUrl("http://127.0.0.1:1")).build();

		assertThatThrownBy(() -> this.connector.sdk(OpenAIClientAsync.class))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("transport 'http'")
			.hasMessageContaining("transport: sdk");
	}

	@Test
	void aMissingApiKeyStopsTheClientFromBeingBuilt() {
		assertThatThrownBy(() -> Connector.builder("openai")
			.settings((s) -> s.transport("sdk").sdk(new ClientSettings.SdkSettings("openai")))
			.transportRegistry(TransportRegistry.of(new SdkTransportFactory(List.of(new OpenAiClientFactory()))))
			.build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("auth.api-key.value");
	}

	private Connector connect(LoopbackServer.Handler handler,
			java.util.function.Consumer<ClientSettings.Builder> settings) {
		return connect(handler, settings, Connector.builder("openai"));
	}

	private Connector connect(LoopbackServer.Handler handler,
			java.util.function.Consumer<ClientSettings.Builder> settings, Connector.Builder builder) {
		this.server = LoopbackServer.start(handler);
		this.connector = builder
			.settings((s) -> s.transport("sdk")
				.sdk(new ClientSettings.SdkSettings("openai"))
				.baseUrl(this.server.baseUrl())
				.auth(AuthSettings.builder().apiKeyValue(Secret.of(API_KEY)).build()))
			.settings(settings)
			.transportRegistry(TransportRegistry.of(new SdkTransportFactory(List.of(new OpenAiClientFactory()))))
			.build();
		return this.connector;
	}

}
