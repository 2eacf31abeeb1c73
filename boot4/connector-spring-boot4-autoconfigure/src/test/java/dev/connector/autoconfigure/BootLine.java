package dev.connector.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.reactor.autoconfigure.ReactorAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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
	 * Actuator's health contributors and health endpoint ({@code management.endpoint.health.*}).
	 * @return the auto-configurations
	 */
	public static AutoConfigurations health() {
		return AutoConfigurations.of(HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class);
	}

	/**
	 * A class loader without Boot's health API, as in an application without spring-boot-health.
	 * @return the class loader, for {@code ApplicationContextRunner#withClassLoader}
	 */
	public static FilteredClassLoader withoutHealth() {
		return new FilteredClassLoader("org.springframework.boot.health");
	}

	/**
	 * The status code the health endpoint reports at a path.
	 * @param context the application context, with {@link #health()}
	 * @param path the path ({@code "connectors", "payments"}); none for the aggregate
	 * @return the status code, such as {@code UP}
	 */
	public static String healthStatus(ApplicationContext context, String... path) {
		return healthAt(context, path).getStatus().getCode();
	}

	/**
	 * The details the health endpoint reports for one indicator.
	 * @param context the application context, with {@link #health()}
	 * @param path the indicator's path ({@code "connectors", "payments"})
	 * @return the details
	 */
	public static Map<String, Object> healthDetails(ApplicationContext context, String... path) {
		return ((IndicatedHealthDescriptor) healthAt(context, path)).getDetails();
	}

	/**
	 * The names of the components the health endpoint reports under a composite.
	 * @param context the application context, with {@link #health()}
	 * @param path the composite's path ({@code "connectors"} or a group, {@code "readiness"})
	 * @return the names of its components
	 */
	public static Set<String> healthComponents(ApplicationContext context, String... path) {
		return ((CompositeHealthDescriptor) healthAt(context, path)).getComponents().keySet();
	}

	private static HealthDescriptor healthAt(ApplicationContext context, String... path) {
		HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
		return (path.length == 0) ? endpoint.health() : endpoint.healthForPath(path);
	}

	/**
	 * An application bean customizing Reactor Netty's {@code HttpClient} the line's way
	 * (a reactor {@code ClientHttpConnectorBuilderCustomizer}), with the given order.
	 * @param name the bean name
	 * @param order the bean's order among the application's customizers
	 * @param customizer what to do to the {@code HttpClient}
	 * @return the runner customization, for {@code ApplicationContextRunner#with}
	 */
	public static Function<ApplicationContextRunner, ApplicationContextRunner> httpClientCustomizer(String name,
			int order, UnaryOperator<HttpClient> customizer) {
		return (runner) -> runner.withBean(name, ClientHttpConnectorBuilderCustomizer.class, () -> new OrderedHttpClientCustomizer(order, customizer));
	}

	/**
	 * The metric names actuator's metrics endpoint lists.
	 * @param registry the meter registry
	 * @return the names
	 */
	public static Set<String> metricNames(MeterRegistry registry) {
		return new MetricsEndpoint(registry).listNames().getNames();
	}

	/**
	 * The measured values actuator's metrics endpoint reports for a metric.
	 * @param registry the meter registry
	 * @param name the metric name
	 * @param tags the tags to select by ({@code "client:payments"}), or none
	 * @return the values, one per statistic
	 */
	public static List<Double> metricValues(MeterRegistry registry, String name, String... tags) {
		return new MetricsEndpoint(registry).metric(name, (tags.length == 0) ? null : List.of(tags))
			.getMeasurements()
			.stream()
			.map((sample) -> sample.getValue())
			.toList();
	}

	/**
	 * The tag keys actuator's metrics endpoint reports as available for a metric.
	 * @param registry the meter registry
	 * @param name the metric name
	 * @return the tag keys
	 */
	public static List<String> metricTagKeys(MeterRegistry registry, String name) {
		return new MetricsEndpoint(registry).metric(name, null)
			.getAvailableTags()
			.stream()
			.map((tag) -> tag.getTag())
			.toList();
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

	private record OrderedHttpClientCustomizer(int order, UnaryOperator<HttpClient> customizer)
			implements ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder>, Ordered {

		@Override
		public ReactorClientHttpConnectorBuilder customize(ReactorClientHttpConnectorBuilder builder) {
			return builder.withHttpClientCustomizer(this.customizer);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
