package dev.connector.autoconfigure;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import reactor.netty.http.client.HttpClient;

import org.springframework.http.codec.CodecConfigurer;

/**
 * What the application customizes through Spring Boot's own hooks, in the shape Connector
 * applies it: its codec customizers (so its JSON mapper) and its customizations of Reactor
 * Netty's {@code HttpClient}. Each Boot line's {@link BootLineConfiguration} builds it from
 * that line's beans, so that everything else in this module is the same source for Boot 3
 * and Boot 4. The beans are read when a client is built, in their order.
 */
final class ApplicationHooks {

	private final Supplier<List<UnaryOperator<CodecConfigurer>>> codecs;

	private final Supplier<List<UnaryOperator<HttpClient>>> httpClients;

	/**
	 * Create the hooks.
	 * @param codecs the application's codec customizers, in order
	 * @param httpClients the application's {@code HttpClient} customizers, in order
	 */
	ApplicationHooks(Supplier<List<UnaryOperator<CodecConfigurer>>> codecs,
			Supplier<List<UnaryOperator<HttpClient>>> httpClients) {
		this.codecs = codecs;
		this.httpClients = httpClients;
	}

	/**
	 * Apply the application's codec customizers.
	 * @param configurer the configurer of one client's codecs
	 */
	void customizeCodecs(CodecConfigurer configurer) {
		for (UnaryOperator<CodecConfigurer> customizer : this.codecs.get()) {
			customizer.apply(configurer);
		}
	}

	/**
	 * Return the application's {@code HttpClient} customizers, in order.
	 * @return the customizers
	 */
	List<UnaryOperator<HttpClient>> httpClientCustomizers() {
		return this.httpClients.get();
	}

}
