package dev.connector.autoconfigure.actuate;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.autoconfigure.BootLine;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code connectors} endpoint shows each client's effective configuration with secrets
 * masked.
 */
class ConnectorsEndpointTest {

	private static final String TOKEN = "tok-9f8e7d6c5b4a";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class,
				ConnectorsEndpointAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.endpoint())
		.withPropertyValues("management.endpoints.web.exposure.include=connectors", "connector.defaults.timeout=5s",
				"connector.clients.payments.base-url=http://127.0.0.1:8081",
				"connector.clients.payments.headers.Authorization=Bearer " + TOKEN,
				"connector.clients.payments.headers.X-Caller=orders",
				"connector.clients.payments.circuit-breaker.enabled=true",
				"connector.clients.quotes.base-url=http://127.0.0.1:8082", "connector.clients.quotes.timeout=1s");

	private static JsonNode json(Object value) throws Exception {
		return new ObjectMapper().valueToTree(value);
	}

	@Test
	void listsEachClientsEffectiveConfigurationWithTheBearerTokenMasked() {
		this.contextRunner.run((context) -> {
			JsonNode body = json(context.getBean(ConnectorsEndpoint.class).connectors(SecurityContext.NONE));
			JsonNode payments = body.path("clients").path("payments");
			assertThat(payments.path("transport").asText()).isEqualTo("http");
			assertThat(payments.path("baseUrl").asText()).isEqualTo("http://127.0.0.1:8081");
			assertThat(payments.path("timeout").asText()).isEqualTo("PT5S");
			assertThat(payments.path("headers").path("X-Caller").asText()).isEqualTo("orders");
			assertThat(payments.path("headers").path("Authorization").asText()).isEqualTo("******");
			assertThat(payments.path("resilience4jInstances").path("circuitBreaker").asText()).isEqualTo("payments");
			assertThat(body.path("clients").path("quotes").path("timeout").asText()).isEqualTo("PT1S");
			assertThat(body.toString()).doesNotContain(TOKEN);
		});
	}

	@Test
	void describesOneClientByName() {
		this.contextRunner.run((context) -> {
			ConnectorsEndpoint endpoint = context.getBean(ConnectorsEndpoint.class);
			assertThat(json(endpoint.connector(SecurityContext.NONE, "quotes")).path("baseUrl").asText())
				.isEqualTo("http://127.0.0.1:8082");
			assertThat(endpoint.connector(SecurityContext.NONE, "nowhere")).isNull();
		});
	}

	@Test
	void showsTheConnectionPoolsCurrentNumbers() {
		try (LoopbackServer server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("ok")))) {
			this.contextRunner
				.withPropertyValues("connector.clients.quotes.base-url=" + server.baseUrl(),
						"connector.clients.quotes.pool.max-connections=4")
				.run((context) -> {
					ConnectorsEndpoint endpoint = context.getBean(ConnectorsEndpoint.class);
					JsonNode before = json(endpoint.connector(SecurityContext.NONE, "quotes")).path("connectionPool");
					assertThat(before.path("name").asText()).isEqualTo("connector-quotes");
					assertThat(before.path("total").asInt()).isZero();
					assertThat(before.path("maxConnections").asInt()).isEqualTo(4);
					context.getBean("quotes", Connector.class).blocking().request(ConnectorRequest.get("/").build());
					await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
						JsonNode pool = json(endpoint.connector(SecurityContext.NONE, "quotes")).path("connectionPool");
						assertThat(pool.path("idle").asInt()).isEqualTo(1);
						assertThat(pool.path("active").asInt()).isZero();
						assertThat(pool.path("pending").asInt()).isZero();
					});
				});
		}
	}

	@Test
	void showValuesAlwaysRevealsSecrets() {
		this.contextRunner.withPropertyValues("management.endpoint.connectors.show-values=always").run((context) -> {
			JsonNode body = json(context.getBean(ConnectorsEndpoint.class).connectors(SecurityContext.NONE));
			assertThat(body.path("clients").path("payments").path("headers").path("Authorization").asText())
				.isEqualTo("Bearer " + TOKEN);
		});
	}

	@Test
	void keepsTheShapeOfEachGroupOfSettings() {
		this.contextRunner.run((context) -> {
			JsonNode payments = json(context.getBean(ConnectorsEndpoint.class).connectors(SecurityContext.NONE))
				.path("clients")
				.path("payments");
			assertThat(payments.fieldNames()).toIterable()
				.contains("transport", "baseUrl", "timeout", "attemptTimeout", "connectTimeout", "maxInMemorySize",
						"headers", "pool", "retry", "circuitBreaker", "bulkhead", "rateLimiter", "batch", "logging",
						"observation", "health", "resilience4jInstances");
			assertThat(payments.path("attemptTimeout").isNull()).isTrue();
			assertThat(payments.path("maxInMemorySize").asInt()).isEqualTo(1024 * 1024);
			assertThat(payments.path("pool").path("pendingAcquireTimeout").asText()).isEqualTo("PT10S");
			assertThat(payments.path("retry").path("maxAttempts").asInt()).isEqualTo(3);
			assertThat(payments.path("retry").path("retryOnStatus").toString()).isEqualTo("[429,502,503,504]");
			assertThat(payments.path("circuitBreaker").path("enabled").asBoolean()).isTrue();
			assertThat(payments.path("logging").path("level").asText()).isEqualTo("none");
			assertThat(payments.path("logging").path("redactHeaders").toString())
				.isEqualTo("[\"Authorization\",\"Cookie\",\"Proxy-Authorization\",\"Set-Cookie\"]");
			assertThat(payments.path("observation").path("enabled").asBoolean()).isTrue();
			assertThat(payments.path("health").path("probeInterval").asText()).isEqualTo("PT10S");
		});
	}

	@Test
	void showsTheReadTimeoutOnlyWhereItIsSet() {
		this.contextRunner.withPropertyValues("connector.clients.quotes.read-timeout=4s").run((context) -> {
			JsonNode clients = json(context.getBean(ConnectorsEndpoint.class).connectors(SecurityContext.NONE))
				.path("clients");
			assertThat(clients.path("quotes").path("readTimeout").asText()).isEqualTo("PT4S");
			assertThat(clients.path("payments").path("readTimeout").isNull()).isTrue();
		});
	}

	@Test
	void masksTheHeadersOfTheClientsRedactListIgnoringCase() {
		this.contextRunner
			.withPropertyValues("connector.clients.quotes.logging.redact-headers=x-api-key",
					"connector.clients.quotes.headers.X-Api-Key=" + TOKEN,
					"connector.clients.quotes.headers.Authorization=Bearer visible")
			.run((context) -> {
				JsonNode quotes = json(
						context.getBean(ConnectorsEndpoint.class).connector(SecurityContext.NONE, "quotes"));
				assertThat(quotes.path("headers").path("X-Api-Key").asText()).isEqualTo("******");
				assertThat(quotes.path("headers").path("Authorization").asText()).isEqualTo("Bearer visible");
			});
	}

	@Test
	void appliesTheApplicationsSanitizingFunctionsToEveryValue() {
		this.contextRunner
			.withBean(SanitizingFunction.class,
					() -> (data) -> data.getKey().endsWith(".base-url") || data.getKey().endsWith(".retry.max-attempts")
							? data.withValue("[hidden]") : data)
			.run((context) -> {
				JsonNode payments = json(
						context.getBean(ConnectorsEndpoint.class).connector(SecurityContext.NONE, "payments"));
				assertThat(payments.path("baseUrl").asText()).isEqualTo("[hidden]");
				assertThat(payments.path("retry").path("maxAttempts").asText()).isEqualTo("[hidden]");
				assertThat(payments.path("timeout").asText()).isEqualTo("PT5S");
			});
	}

	@Test
	void notAvailableUnlessExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectorsEndpoint.class));
	}

	@Test
	void withoutActuatorThereIsNoEndpoint() {
		// as in an application without actuator: none of its auto-configurations are listed
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class, ConnectorsEndpointAutoConfiguration.class))
			.withConfiguration(BootLine.webClient())
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ConnectorsEndpoint.class);
			});
	}

}
