package dev.connector.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.CodecConfigurer;

/**
 * The Spring Boot 4 line's hooks: the application's {@link CodecCustomizer} beans (so its
 * Jackson 3 {@code JsonMapper}, or its Jackson 2 {@code ObjectMapper} where it keeps
 * Jackson 2), and its {@link ClientHttpConnectorBuilderCustomizer} beans for the reactor
 * connector, Boot 4's way to customize Reactor Netty's {@code HttpClient}. The Boot 3 line
 * has a class of the same name over Boot 3's types; see the README's "Two Boot lines".
 */
@Configuration(proxyBeanMethods = false)
class BootLineConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ApplicationHooks connectorApplicationHooks(ObjectProvider<CodecCustomizer> codecCustomizers,
			ObjectProvider<ClientHttpConnectorBuilderCustomizer<?>> connectorCustomizers) {
		return new ApplicationHooks(() -> codecCustomizers.orderedStream().map(BootLineConfiguration::codecs).toList(),
				() -> List.of(httpClients(connectorCustomizers.orderedStream().toList())));
	}

	private static UnaryOperator<CodecConfigurer> codecs(CodecCustomizer customizer) {
		return (configurer) -> {
			customizer.customize(configurer);
			return configurer;
		};
	}

	/**
	 * The application's reactor connector customizers, applied to a builder over the given
	 * client with Boot's defaults off (the client has had them), read back as the
	 * {@code HttpClient} they produce. A customizer may customize the client but not replace
	 * it: Boot's own {@code reactorResourceFactoryClientHttpConnectorBuilderCustomizer}
	 * (present wherever {@code ReactiveHttpClientAutoConfiguration} is) switches the builder
	 * to a new {@code HttpClient} on Boot's shared resources, which would drop the client's
	 * pool, proxy and TLS, so the builder is put back on the given client afterwards.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static UnaryOperator<HttpClient> httpClients(List<ClientHttpConnectorBuilderCustomizer<?>> customizers) {
		if (customizers.isEmpty()) {
			return UnaryOperator.identity();
		}
		return (client) -> {
			AtomicReference<ReactorClientHttpConnectorBuilder> builder = new AtomicReference<>(
					ClientHttpConnectorBuilder.reactor().withoutHttpClientDefaults().withHttpClientFactory(() -> client));
			for (ClientHttpConnectorBuilderCustomizer<?> customizer : customizers) {
				builder.set((ReactorClientHttpConnectorBuilder) LambdaSafe
					.callback(ClientHttpConnectorBuilderCustomizer.class, customizer, builder.get())
					.invokeAnd((callback) -> callback.customize(builder.get()))
					.get(builder.get()));
			}
			AtomicReference<HttpClient> customized = new AtomicReference<>(client);
			builder.get().withHttpClientFactory(() -> client).withoutHttpClientDefaults().withHttpClientCustomizer((built) -> {
				customized.set(built);
				return built;
			}).build(HttpClientSettings.defaults());
			return customized.get();
		};
	}

}
