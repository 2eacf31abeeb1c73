package dev.connector.autoconfigure;

import dev.connector.Connector;
import dev.connector.ConnectorInterceptor;
import dev.connector.ConnectorRegistry;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.TransportRegistry;
import dev.connector.transport.http.HttpTransportFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for Connector: one {@link Connector} bean per
 * {@code connector.clients.<name>}, a {@link ConnectorRegistry}, and the transports they
 * run on. The {@code http} transport starts from Spring Boot's {@link WebClient.Builder}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { WebClientAutoConfiguration.class, CodecsAutoConfiguration.class })
@ConditionalOnClass(Connector.class)
@EnableConfigurationProperties(ConnectorProperties.class)
@Import(ConnectorBeanRegistrar.class)
public class ConnectorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TransportRegistry connectorTransportRegistry(ObjectProvider<TransportFactory> factories) {
		return TransportRegistry.of(factories.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectorFactory connectorFactory(ConnectorProperties properties, TransportRegistry transports,
			ObjectProvider<CodecCustomizer> codecCustomizers, ObjectProvider<ConnectorInterceptor> interceptors,
			ObjectProvider<ConnectorCustomizer> customizers) {
		return new ConnectorFactory(properties, transports, codecCustomizers.orderedStream().toList(),
				interceptors.orderedStream().toList(), customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectorRegistry connectorRegistry(ConnectorProperties properties, BeanFactory beanFactory) {
		return new BeanFactoryConnectorRegistry(properties.getClients().keySet(), beanFactory);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	static class HttpTransportConfiguration {

		/**
		 * The shipped {@code http} transport, ordered last so that an application's own
		 * factory of type {@code http} replaces it.
		 */
		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		HttpTransportFactory httpTransportFactory(ObjectProvider<WebClient.Builder> webClientBuilders) {
			return new HttpTransportFactory(() -> webClientBuilders.getIfAvailable(WebClient::builder));
		}

	}

}
