package dev.connector.autoconfigure.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.connector.Connector;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.config.ClientSettings;
import dev.connector.test.LoopbackServer;
import dev.connector.test.VendorWire;
import dev.connector.transport.sdk.SdkClientFactory;
import dev.connector.transport.sdk.SdkTransportFactory;
import dev.connector.transport.sdk.anthropic.AnthropicClientFactory;
import dev.connector.transport.sdk.openai.OpenAiClientFactory;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SdkTransportAutoConfiguration}.
 */
class SdkTransportAutoConfigurationTest {

	private static final ChatCompletionCreateParams CHAT = ChatCompletionCreateParams.builder()
		.model("gpt-test")
		.addUserMessage("Say hello")
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class, SdkTransportAutoConfiguration.class));

	@AutoClose
	private final LoopbackServer openAi = LoopbackServer.start((request, response) -> response
		.header("Content-Type", "application/json")
		.sendString(Mono.just(VendorWire.openAiCompletion("Hello from OpenAI"))));

	@AutoClose
	private final LoopbackServer anthropic = LoopbackServer.start((request, response) -> response
		.header("Content-Type", "application/json")
		.sendString(Mono.just(VendorWire.anthropicMessage("Hello from Anthropic"))));

	@Test
	void openAiClientConfiguredByPropertiesCallsItsUpstream() {
		this.contextRunner
			.withPropertyValues("connector.clients.openai.transport=sdk", "connector.clients.openai.sdk.provider=openai",
					"connector.clients.openai.base-url=" + this.openAi.baseUrl(),
					"connector.clients.openai.auth.api-key.value=sk-from-properties")
			.run((context) -> {
				assertThat(context).hasSingleBean(OpenAiClientFactory.class);
				ChatCompletion completion = context.getBean("openai", Connector.class)
					.sdk(OpenAIClientAsync.class)
					.call((client) -> client.chat().completions().create(CHAT))
					.block(Duration.ofSeconds(10));
				assertThat(completion.choices().get(0).message().content()).contains("Hello from OpenAI");
				assertThat(this.openAi.lastRequest().headers().get("Authorization"))
					.isEqualTo("Bearer sk-from-properties");
			});
	}

	@Test
	void anthropicClientConfiguredByPropertiesCallsItsUpstream() {
		this.contextRunner
			.withPropertyValues("connector.clients.claude.transport=sdk",
					"connector.clients.claude.sdk.provider=anthropic",
					"connector.clients.claude.base-url=" + this.anthropic.baseUrl(),
					"connector.clients.claude.auth.api-key.value=sk-ant-from-properties")
			.run((context) -> {
				assertThat(context).hasSingleBean(AnthropicClientFactory.class);
				Message message = context.getBean("claude", Connector.class)
					.sdk(AnthropicClientAsync.class)
					.call((client) -> client.messages()
						.create(MessageCreateParams.builder().model("claude-test").maxTokens(16).addUserMessage("Hi").build()))
					.block(Duration.ofSeconds(10));
				assertThat(message.content().get(0).asText().text()).isEqualTo("Hello from Anthropic");
			});
	}

	@Test
	void derivesTheClientFromTheApplicationsOwnSdkClient() {
		this.contextRunner.withUserConfiguration(OwnOpenAiClient.class)
			.withPropertyValues("connector.clients.openai.transport=sdk", "connector.clients.openai.sdk.provider=openai",
					"connector.clients.openai.base-url=" + this.openAi.baseUrl())
			.run((context) -> {
				context.getBean("openai", Connector.class)
					.sdk(OpenAIClientAsync.class)
					.call((client) -> client.chat().completions().create(CHAT))
					.block(Duration.ofSeconds(10));
				assertThat(this.openAi.lastRequest().headers().get("Authorization")).isEqualTo("Bearer sk-from-bean");
			});
	}

	@Test
	void anSdkClientFactoryBeanServesClientsOfItsProviderWithConnectorsRetry() {
		this.contextRunner.withUserConfiguration(EchoSdk.class)
			.withPropertyValues("connector.clients.echo.transport=sdk", "connector.clients.echo.sdk.provider=echo",
					"connector.clients.echo.retry.wait-duration=1ms")
			.run((context) -> {
				Connector echo = context.getBean("echo", Connector.class);
				String answer = echo.sdk(EchoClient.class)
					.call((client) -> client.echo("hello"))
					.block(Duration.ofSeconds(10));
				assertThat(answer).isEqualTo("hello");
				// the first attempt's I/O failure was retried by the client's policy
				assertThat(echo.sdk(EchoClient.class).client().calls).hasValue(2);
			});
	}

	@Test
	void withoutTheSdkJarsAnApplicationWithoutSdkClientsStarts() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.openai", "com.anthropic"))
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:8081")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SdkTransportFactory.class);
				assertThat(context).doesNotHaveBean(OpenAiClientFactory.class);
				assertThat(context).doesNotHaveBean(AnthropicClientFactory.class);
				assertThat(context).hasBean("payments");
			});
	}

	@Test
	void withoutTheOpenAiJarAnOpenAiClientStopsStartUpNamingTheDependency() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.openai"))
			.withPropertyValues("connector.clients.openai.transport=sdk", "connector.clients.openai.sdk.provider=openai",
					"connector.clients.openai.auth.api-key.value=sk-test")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("connector.clients.openai.sdk.provider")
					.hasMessageContaining("com.openai:openai-java");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnOpenAiClient {

		@Bean(destroyMethod = "close")
		OpenAIClientAsync ownOpenAiClient() {
			return OpenAIOkHttpClientAsync.builder().apiKey("sk-from-bean").baseUrl("http://127.0.0.1:1").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoSdk {

		@Bean
		SdkClientFactory<EchoClient> echoClientFactory() {
			return new SdkClientFactory<>() {

				@Override
				public String provider() {
					return "echo";
				}

				@Override
				public Class<EchoClient> clientType() {
					return EchoClient.class;
				}

				@Override
				public EchoClient create(ClientSettings settings) {
					return new EchoClient();
				}

			};
		}

	}

	/**
	 * A vendor SDK's client of the simplest kind: its first call fails with an I/O error.
	 */
	static final class EchoClient {

		final AtomicInteger calls = new AtomicInteger();

		CompletableFuture<String> echo(String message) {
			return (this.calls.incrementAndGet() == 1) ? CompletableFuture.failedFuture(new IOException("reset"))
					: CompletableFuture.completedFuture(message);
		}

	}

}
