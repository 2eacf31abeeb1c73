package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.autoconfigure.health.ConnectorHealthContributorAutoConfiguration;
import dev.connector.autoconfigure.service.ConnectorHttpServiceGroupsAutoConfiguration;
import dev.connector.ServerErrorException;
import dev.connector.service.ConnectorCall;
import dev.connector.test.LoopbackServer;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration;
import org.springframework.boot.jackson2.autoconfigure.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.SpringVersion;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Boot 4 line's auto-configuration in a Boot 4.1 context: the shared auto-configuration
 * with Boot 4's Jackson 3 (and Jackson 2) codecs, Resilience4j's Boot 4 registries, Boot 4's
 * health API, and Framework 7's HTTP service groups. The application's reactor connector
 * customizers are the shared {@code ApplicationHttpClientCustomizerTest}'s.
 */
class Boot4AutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class,
				ConnectorHealthContributorAutoConfiguration.class, ConnectorHttpServiceGroupsAutoConfiguration.class,
				WebClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, CodecsAutoConfiguration.class,
				JacksonAutoConfiguration.class, Jackson2AutoConfiguration.class, RetryAutoConfiguration.class,
				CircuitBreakerAutoConfiguration.class));

	@AutoClose
	private LoopbackServer server;

	@Test
	void runsOnSpringFramework7() {
		assertThat(SpringVersion.getVersion()).startsWith("7.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http", "netty" })
	void decodesWithTheApplicationsJackson3JsonMapper(String transport) {
		this.server = LoopbackServer.start((request, response) -> response.header("Content-Type", "application/json")
			.sendString(Mono.just("{\"symbol\":\"ACME\",\"last_price\":12.5}")));
		this.contextRunner.withUserConfiguration(SnakeCaseJackson3.class)
			.withPropertyValues("connector.clients.quotes.base-url=" + this.server.baseUrl(),
					"connector.clients.quotes.transport=" + transport)
			.run((context) -> {
				Quote quote = context.getBean("quotes", Connector.class)
					.request(ConnectorRequest.get("/quote").build(), Quote.class)
					.block(Duration.ofSeconds(5));
				assertThat(quote).isEqualTo(new Quote("ACME", 12.5));
			});
	}

	@Test
	void decodesWithTheApplicationsJackson2ObjectMapperWhereItPrefersJackson2() {
		this.server = LoopbackServer.start((request, response) -> response.header("Content-Type", "application/json")
			.sendString(Mono.just("{\"symbol\":\"ACME\",\"last_price\":12.5}")));
		this.contextRunner.withUserConfiguration(SnakeCaseJackson2.class)
			.withPropertyValues("connector.clients.quotes.base-url=" + this.server.baseUrl(),
					"spring.http.codecs.preferred-json-mapper=jackson2")
			.run((context) -> {
				Quote quote = context.getBean("quotes", Connector.class)
					.request(ConnectorRequest.get("/quote").build(), Quote.class)
					.block(Duration.ofSeconds(5));
				assertThat(quote).isEqualTo(new Quote("ACME", 12.5));
			});
	}

	@Test
	void retriesAreInstancesOfTheApplicationsResilience4jRegistryAndHealthIsBoot4s() {
		AtomicInteger attempts = new AtomicInteger();
		this.server = LoopbackServer.start((request, response) -> (attempts.incrementAndGet() == 1)
				? response.status(503).send() : response.sendString(Mono.just("ok")));
		this.contextRunner
			.withPropertyValues("connector.clients.quotes.base-url=" + this.server.baseUrl(),
					"connector.clients.quotes.retry.wait-duration=10ms")
			.run((context) -> {
				CompositeReactiveHealthContributor connectors = context.getBean("connectorsHealthContributor",
						CompositeReactiveHealthContributor.class);
				ReactiveHealthIndicator quotes = (ReactiveHealthIndicator) connectors.getContributor("quotes");
				assertThat(quotes.health().block(Duration.ofSeconds(5)).getStatus()).isEqualTo(Status.UNKNOWN);
				String body = context.getBean("quotes", Connector.class)
					.request(ConnectorRequest.get("/").build(), String.class)
					.block(Duration.ofSeconds(5));
				assertThat(body).isEqualTo("ok");
				assertThat(attempts).hasValue(2);
				assertThat(context.getBean(RetryRegistry.class).getAllRetries())
					.anySatisfy((retry) -> assertThat(retry.getName()).isEqualTo("quotes"));
				Health health = quotes.health().block(Duration.ofSeconds(5));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("transport", "http").containsEntry("consecutiveFailures", 0);
				assertThat(connectors.stream()).singleElement().satisfies((entry) -> assertThat(entry.name()).isEqualTo("quotes"));
			});
	}

	@Test
	void anHttpServiceGroupNamedAfterAClientRunsThroughIt() {
		AtomicInteger attempts = new AtomicInteger();
		this.server = LoopbackServer.start((request, response) -> (attempts.incrementAndGet() % 2 == 1)
				? response.status(503).send()
				: response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"symbol\":\"" + request.path().substring(8) + "\",\"last_price\":1.0}")));
		this.contextRunner.withUserConfiguration(QuotesGroup.class, SnakeCaseJackson3.class)
			.withPropertyValues("connector.clients.quotes.base-url=" + this.server.baseUrl(),
					"connector.clients.quotes.retry.wait-duration=10ms")
			.run((context) -> {
				QuotesApi quotes = context.getBean(QuotesApi.class);
				// retried by Connector: a WebClient or RestClient of the group would have failed on the 503
				assertThat(quotes.quote("ACME")).isEqualTo(new Quote("ACME", 1.0));
				assertThat(attempts).hasValue(2);
				// @ConnectorCall(retry = false) on the method reaches the client
				assertThatExceptionOfType(ServerErrorException.class).isThrownBy(() -> quotes.refresh("ACME"))
					.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
				assertThat(attempts).hasValue(3);
			});
	}

	public record Quote(String symbol, double lastPrice) {
	}

	/**
	 * A group named after the client.
	 */
	public interface QuotesApi {

		@GetExchange("/quotes/{symbol}")
		Quote quote(@PathVariable String symbol);

		@PostExchange("/quotes/{symbol}/refresh")
		@ConnectorCall(retry = false)
		void refresh(@PathVariable String symbol);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "quotes", types = QuotesApi.class)
	static class QuotesGroup {

	}

	@Configuration(proxyBeanMethods = false)
	static class SnakeCaseJackson3 {

		@Bean
		JsonMapperBuilderCustomizer snakeCase() {
			return (builder) -> builder.propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SnakeCaseJackson2 {

		@Bean
		Jackson2ObjectMapperBuilderCustomizer snakeCase() {
			return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
		}

	}

}
