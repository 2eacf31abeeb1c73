package dev.connector.autoconfigure;

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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
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
// by name, each in its Boot 3 and its Boot 4 package, so that both Boot lines share this class
@AutoConfiguration(afterName = {
		"org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration",
		"org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration",
		"io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
		"io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration",
		"io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadAutoConfiguration",
		"io.github.resilience4j.springboot3.ratelimiter.autoconfigure.RateLimiterAutoConfiguration",
		"io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration",
		"io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
		"io.github.resilience4j.springboot.timelimiter.autoconfigure.TimeLimiterAutoConfiguration",
		"io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration",
		"io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterAutoConfiguration" })
@ConditionalOnClass(Connector.class)
@EnableConfigurationProperties(ConnectorProperties.class)
@Import({ ConnectorBeanRegistrar.class, BootLineConfiguration.class })
public class ConnectorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TransportRegistry connectorTransportRegistry(ObjectProvider<TransportFactory> factories) {
		return TransportRegistry.of(factories.orderedStream().toList());
	}

	/**
	 * The application's Resilience4j registries (those of resilience4j-spring-boot3 or
	 * resilience4j-spring-boot4 when it is there), so that the clients' instances show in its actuator endpoints and metrics.
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
			ApplicationHooks hooks, ObjectProvider<ConnectorInterceptor> interceptors,
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
				hooks, interceptors.orderedStream().toList(),
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
	 * application's codecs (its codec customizers, so its JSON mapper).
	 */
	@Bean
	@ConditionalOnMissingBean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebSocketTransportFactory webSocketTransportFactory(ApplicationHooks hooks,
			ObjectProvider<SslBundles> sslBundles) {
		return new WebSocketTransportFactory(hooks::customizeCodecs,
				new BootWebSocketClientConfigurer(sslBundles.getIfAvailable()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	static class HttpTransportConfiguration {

		/**
		 * The shipped {@code http} transport, ordered last so that an application's own
		 * factory of type {@code http} replaces it. Each client's connector is built with
		 * Boot's {@code ClientHttpConnectorBuilder}, with its SSL bundle and the
		 * application's {@code HttpClient} customizations (see {@link ApplicationHooks}).
		 */
		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		HttpTransportFactory httpTransportFactory(ObjectProvider<WebClient.Builder> webClientBuilders,
				ObjectProvider<SslBundles> sslBundles, ApplicationHooks hooks) {
			return new HttpTransportFactory(() -> webClientBuilders.getIfAvailable(WebClient::builder),
					new BootHttpConnectorFactory(sslBundles.getIfAvailable(), hooks));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpClient.class)
	static class NettyTransportConfiguration {

		/**
		 * The shipped {@code netty} transport, ordered last so that an application's own
		 * factory of type {@code netty} replaces it. Request bodies are written with the
		 * application's codecs, as Boot's {@code WebClient.Builder} has them; each client's
		 * {@code HttpClient} gets its SSL bundle and the application's {@code HttpClient}
		 * customizations, as an {@code http} client's connector does.
		 */
		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		NettyTransportFactory nettyTransportFactory(ObjectProvider<SslBundles> sslBundles, ApplicationHooks hooks) {
			BootHttpConnectorFactory httpClients = new BootHttpConnectorFactory(sslBundles.getIfAvailable(), hooks);
			return new NettyTransportFactory(hooks::customizeCodecs, httpClients::httpClients);
		}

	}

}
