package dev.connector.autoconfigure;

import java.util.function.UnaryOperator;

import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.web.reactive.function.client.ReactorNettyHttpClientMapper;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.CodecConfigurer;

/**
 * The Spring Boot 3 line's hooks: the application's {@link CodecCustomizer} and
 * {@link ReactorNettyHttpClientMapper} beans. One of the few classes each Boot line has its
 * own copy of (the Boot 4 module has one of the same name over Boot 4's types); see the
 * README's "Two Boot lines" section.
 */
@Configuration(proxyBeanMethods = false)
class BootLineConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ApplicationHooks connectorApplicationHooks(ObjectProvider<CodecCustomizer> codecCustomizers,
			ObjectProvider<ReactorNettyHttpClientMapper> mappers) {
		return new ApplicationHooks(() -> codecCustomizers.orderedStream().map(BootLineConfiguration::codecs).toList(),
				() -> mappers.orderedStream().map(BootLineConfiguration::httpClients).toList());
	}

	private static UnaryOperator<CodecConfigurer> codecs(CodecCustomizer customizer) {
		return (configurer) -> {
			customizer.customize(configurer);
			return configurer;
		};
	}

	private static UnaryOperator<HttpClient> httpClients(ReactorNettyHttpClientMapper mapper) {
		return mapper::configure;
	}

}
