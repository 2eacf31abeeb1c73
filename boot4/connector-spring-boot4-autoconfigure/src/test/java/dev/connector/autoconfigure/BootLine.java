package dev.connector.autoconfigure;

import java.util.function.Consumer;
import java.util.function.Function;

import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.reactor.autoconfigure.ReactorAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Where Spring Boot 4.1 keeps what the shared auto-configuration tests need: the tests in
 * the Boot 3 module's {@code src/test/java}, compiled here too, name a concern
 * ({@code BootLine.webClient()}), this class names Boot 4's classes for it. The Boot 3 module
 * has a class of the same name, method for method, over Boot 3's.
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
		return AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class);
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
		return AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class);
	}

	/**
	 * Boot's instrumentation of {@code WebClient} ({@code http.client.requests}).
	 * @return the auto-configurations
	 */
	public static AutoConfigurations webClientObservations() {
		return AutoConfigurations.of(WebClientObservationAutoConfiguration.class);
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
			WebClientObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
			OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
			ReactorAutoConfiguration.class })
	public static class TracedWebClientApplication {

	}

}
