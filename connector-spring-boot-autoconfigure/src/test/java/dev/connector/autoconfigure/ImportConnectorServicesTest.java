package dev.connector.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import dev.connector.ConnectorTimeoutException;
import dev.connector.service.ConnectorCall;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ImportConnectorServices} registers one bean per interface, injectable by type, whose
 * calls are the configured client's: its base URL, retries and deadline.
 */
class ImportConnectorServicesTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.jackson());

	private final AtomicInteger attempts = new AtomicInteger();

	@AutoClose
	private final LoopbackServer server = LoopbackServer.start((request, response) -> switch (request.path()) {
		case "/payments/42" -> (this.attempts.incrementAndGet() < 3) ? response.status(503).send()
				: response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"id\":\"42\",\"amount\":5}"));
		case "/quotes/EUR" -> response.sendString(Mono.just("1.08"));
		default -> response.sendString(Mono.never());
	});

	// tag::registration[]
	@HttpExchange("/payments")
	interface PaymentsApi {

		@GetExchange("/{id}")
		Payment find(@PathVariable String id);

		@GetExchange("/{id}/receipt")
		@ConnectorCall(timeout = "200ms")
		String receipt(@PathVariable String id);

	}

	record Payment(String id, int amount) {
	}

	@Configuration(proxyBeanMethods = false)
	@ImportConnectorServices(client = "payments", types = PaymentsApi.class)
	static class PaymentsConfiguration {

	}
	// end::registration[]

	@HttpExchange("/quotes")
	interface QuotesApi {

		@GetExchange("/{currency}")
		String rate(@PathVariable String currency);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportConnectorServices(client = "payments", types = PaymentsApi.class)
	@ImportConnectorServices(client = "quotes", types = QuotesApi.class)
	static class TwoClients {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportConnectorServices(client = "missing", types = QuotesApi.class)
	static class UnknownClient {

	}

	@ParameterizedTest
	@ValueSource(strings = { "http", "netty" })
	void theInterfaceIsABeanWhoseCallsGetTheClientsRetries(String transport) {
		this.contextRunner.withUserConfiguration(PaymentsConfiguration.class)
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.retry.max-attempts=3",
					"connector.clients.payments.retry.wait-duration=10ms",
					"connector.clients.payments.transport=" + transport)
			.run((context) -> {
				assertThat(context).hasSingleBean(PaymentsApi.class);
				assertThat(context.getBean(PaymentsApi.class).find("42")).isEqualTo(new Payment("42", 5));
				assertThat(this.attempts).hasValue(3);
			});
	}

	@Test
	void aMethodsTimeoutOverrideIsItsDeadline() {
		this.contextRunner.withUserConfiguration(PaymentsConfiguration.class)
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.retry.enabled=false")
			.run((context) -> assertThatExceptionOfType(ConnectorTimeoutException.class)
				.isThrownBy(() -> context.getBean(PaymentsApi.class).receipt("42")));
	}

	@Test
	void repeatedAnnotationsRegisterAnInterfacePerClient() {
		this.contextRunner.withUserConfiguration(TwoClients.class)
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.quotes.base-url=" + this.server.baseUrl())
			.run((context) -> {
				assertThat(context).hasSingleBean(PaymentsApi.class).hasSingleBean(QuotesApi.class);
				assertThat(context.getBean(QuotesApi.class).rate("EUR")).isEqualTo("1.08");
			});
	}

	@Test
	void anUnknownClientFailsStartUpNamingIt() {
		this.contextRunner.withUserConfiguration(UnknownClient.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("names no client: configure connector.clients.missing"));
	}

}
