package dev.connector.autoconfigure;

import java.util.function.Consumer;
import java.util.function.Function;

import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.web.client.HttpClientObservationsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration;
import org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.reactor.ReactorAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.client.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Where Spring Boot 3.5 keeps what the shared auto-configuration tests need: the tests in
 * {@code src/test/java} name a concern ({@code BootLine.webClient()}), this class names
 * Boot 3's classes for it. The Boot 4 module has a class of the same name, method for method,
 * over Boot 4's modules, so the same tests prove both lines.
 */
public final class BootLine {

	private BootLine() {
	}

	/**
	 * Boot's {@code WebClient.Builder} with the application's codecs.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations webClient() {
		return AutoConfigurations.of(WebClientAutoConfiguration.class, CodecsAutoConfiguration.class);
	}

	/**
	 * The application's JSON mapper.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations jackson() {
		return AutoConfigurations.of(JacksonAutoConfiguration.class);
	}

	/**
	 * SSL bundles and Boot's reactive HTTP connector.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations sslAndHttpConnector() {
		return AutoConfigurations.of(SslAutoConfiguration.class, ClientHttpConnectorAutoConfiguration.class);
	}

	/**
	 * Spring Security's reactive OAuth2 client registrations.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations oauth2Client() {
		return AutoConfigurations.of(ReactiveOAuth2ClientAutoConfiguration.class);
	}

	/**
	 * Metrics over a meter registry the test supplies.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations metrics() {
		return AutoConfigurations.of(MetricsAutoConfiguration.class);
	}

	/**
	 * Observations recorded as metrics in Boot's simple meter registry.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations observationMetrics() {
		return AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class);
	}

	/**
	 * Micrometer Tracing over the OpenTelemetry SDK.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations tracing() {
		return AutoConfigurations.of(OpenTelemetryAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class);
	}

	/**
	 * Boot's instrumentation of {@code WebClient} ({@code http.client.requests}).
	 * @return the auto-configurations
	 */
	public static AutoConfigurations webClientObservations() {
		return AutoConfigurations.of(HttpClientObservationsAutoConfiguration.class);
	}

	/**
	 * Actuator's endpoint infrastructure.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations endpoint() {
		return AutoConfigurations.of(EndpointAutoConfiguration.class);
	}

	/**
	 * Resilience4j's retry, circuit breaker and time limiter registries.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations resilience4j() {
		return AutoConfigurations.of(RetryAutoConfiguration.class, CircuitBreakerAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class);
	}

	/**
	 * A {@code WebClientCustomizer} bean that applies the given customization.
	 * @param customizer what to do to the builder
	 * @return the runner customization, for {@code ApplicationContextRunner#with}
	 */
	public static Function<ApplicationContextRunner, ApplicationContextRunner> webClientCustomizer(
			Consumer<WebClient.Builder> customizer) {
		return (runner) -> runner.withBean(WebClientCustomizer.class, () -> customizer::accept);
	}

	/**
	 * {@link #webClient()} for an application started with {@code SpringApplication}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, CodecsAutoConfiguration.class })
	public static class WebClientApplication {

	}

	/**
	 * {@link #webClient()}, {@link #observationMetrics()}, {@link #tracing()},
	 * {@link #webClientObservations()} and Reactor's context propagation, for an application
	 * started with {@code SpringApplication}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, CodecsAutoConfiguration.class,
			ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
			HttpClientObservationsAutoConfiguration.class, OpenTelemetryAutoConfiguration.class,
			OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
			ReactorAutoConfiguration.class })
	public static class TracedWebClientApplication {

	}

}
