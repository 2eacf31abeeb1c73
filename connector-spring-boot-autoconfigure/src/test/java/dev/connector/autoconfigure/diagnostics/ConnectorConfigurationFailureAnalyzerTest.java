package dev.connector.autoconfigure.diagnostics;

import dev.connector.autoconfigure.BootLine;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every kind of bad configuration stops start-up with a description naming the property and
 * an action saying what to do.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectorConfigurationFailureAnalyzerTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient());

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			connector.clients.payments.timeout          | -1s          | must be a positive duration  | positive duration
			connector.clients.payments.timeout          | 0s           | must be a positive duration  | positive duration
			connector.defaults.connect-timeout          | 0ms          | must be a positive duration  | positive duration
			connector.clients.payments.attempt-timeout  | -5ms         | must be a positive duration  | positive duration
			connector.clients.payments.read-timeout     | 0s           | must be a positive duration  | positive duration
			connector.defaults.read-timeout             | -1s          | must be a positive duration  | positive duration
			connector.clients.payments.pool.max-idle-time | 0s         | must be a positive duration  | positive duration
			connector.clients.payments.pool.max-connections | 0        | must be at least 1           | 1 or more
			connector.clients.payments.circuit-breaker.failure-rate-threshold | 0 | must be above 0 and at most 100 | percentage
			connector.clients.payments.bulkhead.max-concurrent-calls | 0 | must be at least 1 | 1 or more
			connector.defaults.retry.jitter             | 1.0          | must be at least 0 and below 1 | no jitter
			connector.clients.payments.transport        | carrier-pigeon | no transport of type 'carrier-pigeon' | register a TransportFactory
			connector.clients.payments.base-url         | localhost:8081 | not an absolute URL        | http://localhost:8081
			connector.clients.payments.base-url         | http://exa mple.com | not a valid URL         | http://localhost:8081
			connector.clients.payments.base-url         | ftp://127.0.0.1/files | needs http or https  | http:// or https://
			""")
	void invalidValueNamesThePropertyAndTheFix(String property, String value, String problem, String action) {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:8081", property + "=" + value)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ConnectorConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("Property: " + property).contains(problem);
				assertThat(analysis.getAction()).contains(action);
			});
	}

	@Test
	void httpClientWithoutBaseUrl() {
		this.contextRunner.withPropertyValues("connector.clients.payments.timeout=2s").run((context) -> {
			FailureAnalysis analysis = new ConnectorConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Connector client 'payments'")
				.contains("Property: connector.clients.payments.base-url")
				.contains("is required for an http client");
			assertThat(analysis.getAction()).contains("base-url");
		});
	}

	@Test
	void beanOfAnotherTypeNamedLikeAClient() {
		this.contextRunner.withUserConfiguration(PaymentsService.class)
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:8081")
			.run((context) -> {
				FailureAnalysis analysis = new ConnectorConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Connector client 'payments'")
					.contains("Property: connector.clients.payments")
					.contains("bean named 'payments' of type " + PaymentsService.class.getName());
				assertThat(analysis.getAction()).contains("Rename the bean or the client");
			});
	}

	@Test
	void defaultClientNamingNoClient() {
		this.contextRunner
			.withPropertyValues("connector.default-client=paymnets",
					"connector.clients.payments.base-url=http://127.0.0.1:8081")
			.run((context) -> {
				FailureAnalysis analysis = new ConnectorConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: connector.default-client")
					.contains("names 'paymnets' but no client of that name is configured (clients: [payments])");
				assertThat(analysis.getAction()).contains("Set it to one of [payments]");
			});
	}

	@Test
	void analyzerIsRegisteredSoStartupReportsTheProblem(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class)
			.web(WebApplicationType.NONE)
			.properties("connector.clients.payments.base-url=http://127.0.0.1:8081",
					"connector.clients.payments.timeout=-2s")
			.run()
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Connector client 'payments' is not configured correctly")
			.contains("Property: connector.clients.payments.timeout")
			.contains("Set it to a positive duration such as 2s or 500ms.");
	}

	@Test
	void unreadableValueIsReportedByBootsBindAnalyzerNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class)
			.web(WebApplicationType.NONE)
			.properties("connector.clients.payments.base-url=http://127.0.0.1:8081",
					"connector.clients.payments.timeout=soon")
			.run()
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("connector.clients.payments.timeout")
			.contains("soon");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			connector.clients.payments.tmeout                   | payments | timeout
			connector.clients.payments.retry.max-atempts        | payments | retry.max-attempts
			connector.clients.payments.retyr.max-attempts       | payments | retry.max-attempts
			connector.clients.payments.auth.oauth2.client-secrt | payments | auth.oauth2.client-secret
			connector.defaults.conect-timeout                   |          | connect-timeout
			connector.defaults.circuit-breaker.enable           |          | circuit-breaker.enabled
			""")
	void misspelledKeyStopsStartupNamingItTheClientAndTheNearestKey(String property, String client,
			String nearest) {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:8081", property + "=5")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ConnectorConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: " + property)
					.contains("did you mean '" + nearest + "'?")
					.contains((client != null) ? "Connector client '" + client + "'" : "Connector is not");
				assertThat(analysis.getAction()).contains(nearest);
			});
	}

	@Test
	void unknownKeyFarFromAnyValidOneIsReportedWithoutAGuess() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:8081",
					"connector.clients.payments.favourite-colour=blue")
			.run((context) -> {
				FailureAnalysis analysis = new ConnectorConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Property: connector.clients.payments.favourite-colour")
					.contains("is not a Connector client property")
					.doesNotContain("did you mean");
			});
	}

	@Test
	void anyKeyBelowAMapListIndexesAndRelaxedFormsAreAccepted() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:8081",
					"connector.clients.payments.headers.X-Any-Header=1", "connector.defaults.headers.x-team=a",
					"connector.clients.payments.retry.retry-on-status[0]=503",
					"connector.clients.payments.logging.redact-headers=X-Secret",
					"connector.clients.payments.circuitBreaker.enabled=true",
					"connector.clients.payments.retry.max_attempts=2")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void typoIsReportedAtStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class)
			.web(WebApplicationType.NONE)
			.properties("connector.clients.x.base-url=http://127.0.0.1:8081", "connector.clients.x.tmeout=5s")
			.run()
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Connector client 'x' is not configured correctly")
			.contains("Property: connector.clients.x.tmeout")
			.contains("did you mean 'timeout'?")
			.contains("Replace 'connector.clients.x.tmeout' with 'connector.clients.x.timeout'.");
	}

	@Component("payments")
	static class PaymentsService {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ConnectorAutoConfiguration.class)
	@Import(BootLine.WebClientApplication.class)
	static class EmptyApplication {

	}

}
