package dev.connector.autoconfigure.sdk;

import com.anthropic.client.AnthropicClientAsync;
import com.openai.client.OpenAIClientAsync;
import dev.connector.Connector;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.transport.sdk.SdkClientFactory;
import dev.connector.transport.sdk.SdkTransportFactory;
import dev.connector.transport.sdk.anthropic.AnthropicClientFactory;
import dev.connector.transport.sdk.openai.OpenAiClientFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of the {@code sdk} transport: clients with {@code transport: sdk} wrap
 * the vendor SDK client that the {@link SdkClientFactory} bean of their
 * {@code sdk.provider} builds. Factories for the OpenAI and Anthropic Java SDKs are
 * configured when those SDKs are on the classpath; they derive the clients from the
 * application's own {@code OpenAIClientAsync} or {@code AnthropicClientAsync} bean when
 * there is exactly one. Any other SDK works through an {@code SdkClientFactory} bean.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = ConnectorAutoConfiguration.class)
@ConditionalOnClass(Connector.class)
public class SdkTransportAutoConfiguration {

	/**
	 * The {@code sdk} transport type, ordered last so that an application's own factory of
	 * that type replaces it.
	 */
	@Bean
	@ConditionalOnMissingBean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SdkTransportFactory sdkTransportFactory(ObjectProvider<SdkClientFactory<?>> factories) {
		return new SdkTransportFactory(factories.orderedStream().toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "com.openai.client.OpenAIClientAsync",
			"com.openai.client.okhttp.OpenAIOkHttpClientAsync" })
	static class OpenAiConfiguration {

		/**
		 * The OpenAI factory, ordered last so that an application's own factory of
		 * provider {@code openai} replaces it.
		 */
		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		OpenAiClientFactory openAiClientFactory(ObjectProvider<OpenAIClientAsync> client) {
			return new OpenAiClientFactory(client.getIfUnique());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "com.anthropic.client.AnthropicClientAsync",
			"com.anthropic.client.okhttp.AnthropicOkHttpClientAsync" })
	static class AnthropicConfiguration {

		/**
		 * The Anthropic factory, ordered last so that an application's own factory of
		 * provider {@code anthropic} replaces it.
		 */
		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		AnthropicClientFactory anthropicClientFactory(ObjectProvider<AnthropicClientAsync> client) {
			return new AnthropicClientFactory(client.getIfUnique());
		}

	}

}
