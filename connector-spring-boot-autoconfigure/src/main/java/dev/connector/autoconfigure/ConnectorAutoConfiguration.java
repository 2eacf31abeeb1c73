package dev.connector.autoconfigure;

import java.util.List;

import dev.connector.Connector;
import dev.connector.ConnectorInterceptor;
import dev.connector.ConnectorRegistry;
import dev.connector.observation.ConnectorBatchObservationConvention;
import dev.connector.observation.ConnectorObservationConvention;
import dev.connector.resilience.ResilienceRegistries;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.TransportRegistry;
import dev.connector.transport.http.HttpTransportFactory;
import dev.connector.transport.websocket.WebSocketTransportFactory;
import dev.connector.transport.netty.NettyTransportFactory;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.observation.ObservationRegistry;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.ReactorNettyHttpClientMapper;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for Connector: one {@link Connector} bean per
 * {@code connector.clients.<name>}, a {@link ConnectorRegistry}, and the transports they
 * run on. The {@code http} transport starts from Spring Boot's {@link WebClient.Builder};
 * the {@code websocket} transport writes messages with the application's codecs;
 * the {@code netty} transport runs on Reactor Netty's {@code HttpClient} directly.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { WebClientAutoConfiguration.class, CodecsAutoConfiguration.class },
		afterName = { "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration", "io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration",
				"io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration",
				"io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadAutoConfiguration",
				"io.github.resilience4j.springboot3.ratelimiter.autoconfigure.RateLimiterAutoConfiguration" })
@ConditionalOnClass(Connector.class)
@EnableConfigurationProperties(ConnectorProperties.class)
@Import(ConnectorBeanRegistrar.class)
public class ConnectorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TransportRegistry connectorTransportRegistry(ObjectProvider<TransportFactory> factories) {
		return TransportRegistry.of(factories.orderedStream().toList());
	}

	/**
	 * The application's Resilience4j registries (those of resilience4j-spring-boot3 when it
	 * is there), so that the clients' instances show in its actuator endpoints and metrics.
	 */
	@Bean
	@ConditionalOnMissingBean
	ResilienceRegistries connectorResilienceRegistries(ObjectProvider<RetryRegistry> retries,
			ObjectProvider<TimeLimiterRegistry> timeLimiters, ObjectProvider<CircuitBreakerRegistry> circuitBreakers,
			ObjectProvider<BulkheadRegistry> bulkheads, ObjectProvider<RateLimiterRegistry> rateLimiters) {
		return new ResilienceRegistries(retries.getIfAvailable(), timeLimiters.getIfAvailable(),
				circuitBreakers.getIfAvailable(), bulkheads.getIfAvailable(), rateLimiters.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectorFactory connectorFactory(ConnectorProperties properties, TransportRegistry transports,
			ResilienceRegistries resilienceRegistries, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ConnectorObservationConvention> convention,
			ObjectProvider<ConnectorBatchObservationConvention> batchConvention,
			ObjectProvider<CodecCustomizer> codecCustomizers, ObjectProvider<ConnectorInterceptor> interceptors,
			ObjectProvider<ConnectorCustomizer> customizers, ListableBeanFactory beanFactory,
			ObjectProvider<WebClient.Builder> webClientBuilders,
			ObjectProvider<RegistrationAuthenticatorFactory> registrationAuthenticators, Environment environment) {
		// here rather than in the registrar, which an AOT-processed application does not run
		ClientPropertyKeys.check(environment);
		ClientPropertyKeys.warnDeprecated(environment);
		ConnectorFactory.ConnectorObservations observations = new ConnectorFactory.ConnectorObservations(
				properties.getObservation().isEnabled() ? observationRegistry.getIfAvailable() : null,
				convention.getIfAvailable(), batchConvention.getIfAvailable());
		ConnectorAuthenticators authenticators = new ConnectorAuthenticators(beanFactory,
				() -> webClientBuilders.getIfAvailable(WebClient::builder), registrationAuthenticators.getIfAvailable());
		return new ConnectorFactory(properties, transports, resilienceRegistries, observations,
				codecCustomizers.orderedStream().toList(), interceptors.orderedStream().toList(),
				customizers.orderedStream().toList(), authenticators);
	}

	/**
	 * Clients with {@code auth.oauth2.registration-id} use Spring Security's OAuth2 client,
	 * when it is there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager")
	static class OAuth2ClientConfiguration {

		@Bean
		RegistrationAuthenticatorFactory connectorRegistrationAuthenticatorFactory(
				ObjectProvider<ReactiveOAuth2AuthorizedClientManager> managers,
				ObjectProvider<ReactiveClientRegistrationRepository> repositories,
				ObjectProvider<ClientRegistrationRepository> servletRepositories,
				ObjectProvider<ReactiveOAuth2AuthorizedClientService> services,
				ObjectProvider<WebClient.Builder> webClientBuilders) {
			return new SpringSecurityRegistrationAuthenticators(managers, repositories, servletRepositories, services,
					() -> webClientBuilders.getIfAvailable(WebClient::builder));
		}

	}

	@Bean
	@ConditionalOnMissingBean
	ConnectorRegistry connectorRegistry(ConnectorProperties properties, BeanFactory beanFactory) {
		return new BeanFactoryConnectorRegistry(properties.getClients().keySet(), beanFactory);
	}

	/**
	 * Closes the clients gracefully when the context closes; see
	 * {@code connector.shutdown.timeout}.
	 */
	@Bean
	@ConditionalOnMissingBean
	ConnectorLifecycle connectorLifecycle(ConnectorRegistry connectors, ConnectorProperties properties) {
		return new ConnectorLifecycle(connectors, properties.getShutdown().getTimeout());
	}

	/**
	 * The shipped {@code websocket} transport, ordered last so that an application's own
	 * factory of type {@code websocket} replaces it. It writes messages with the
	 * application's codecs ({@link CodecCustomizer}s, so its {@code ObjectMapper}).
	 */
	@Bean
	@ConditionalOnMissingBean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebSocketTransportFactory webSocketTransportFactory(ObjectProvider<CodecCustomizer> codecCustomizers,
			ObjectProvider<SslBundles> sslBundles) {
		return new WebSocketTransportFactory(
				(codecs) -> codecCustomizers.orderedStream().forEach((customizer) -> customizer.customize(codecs)),
				new BootWebSocketClientConfigurer(sslBundles.getIfAvailable()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	static class HttpTransportConfiguration {

		/**
		 * The shipped {@code http} transport, ordered last so that an application's own
		 * factory of type {@code http} replaces it. Each client's connector is built with
		 * Boot's {@code ClientHttpConnectorBuilder}, with its SSL bundle and the
		 * application's {@link ReactorNettyHttpClientMapper} beans.
		 */
		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		HttpTransportFactory httpTransportFactory(ObjectProvider<WebClient.Builder> webClientBuilders,
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<ReactorNettyHttpClientMapper> mappers) {
			return new HttpTransportFactory(() -> webClientBuilders.getIfAvailable(WebClient::builder),
					new BootHttpConnectorFactory(sslBundles.getIfAvailable(), mappers.orderedStream().toList()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpClient.class)
	static class NettyTransportConfiguration {

		/**
		 * The shipped {@code netty} transport, ordered last so that an application's own
		 * factory of type {@code netty} replaces it. Request bodies are written with the
		 * application's {@link CodecCustomizer codecs}, as Boot's {@code WebClient.Builder}
		 * has them; each client's {@code HttpClient} gets its SSL bundle and the
		 * application's {@link ReactorNettyHttpClientMapper} beans, as an {@code http}
		 * client's connector does.
		 */
		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		NettyTransportFactory nettyTransportFactory(ObjectProvider<CodecCustomizer> codecCustomizers,
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<ReactorNettyHttpClientMapper> mappers) {
			List<CodecCustomizer> customizers = codecCustomizers.orderedStream().toList();
			BootHttpConnectorFactory httpClients = new BootHttpConnectorFactory(sslBundles.getIfAvailable(),
					mappers.orderedStream().toList());
			return new NettyTransportFactory((codecs) -> customizers.forEach((customizer) -> customizer.customize(codecs)),
					httpClients::httpClients);
		}

	}

}
