package dev.connector.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.web.client.HttpClientObservationsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.metrics.MetricsEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration;
import org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.reactor.ReactorAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.client.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.ReactorNettyHttpClientMapper;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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
	 * Actuator's health contributors and health endpoint ({@code management.endpoint.health.*}).
	 * @return the auto-configurations
	 */
	public static AutoConfigurations health() {
		return AutoConfigurations.of(HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class);
	}

	/**
	 * A class loader without Boot's health API, as in an application without actuator.
	 * @return the class loader, for {@code ApplicationContextRunner#withClassLoader}
	 */
	public static FilteredClassLoader withoutHealth() {
		return new FilteredClassLoader("org.springframework.boot.actuate");
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
		return ((Health) healthAt(context, path)).getDetails();
	}

	/**
	 * The names of the components the health endpoint reports under a composite.
	 * @param context the application context, with {@link #health()}
	 * @param path the composite's path ({@code "connectors"} or a group, {@code "readiness"})
	 * @return the names of its components
	 */
	public static Set<String> healthComponents(ApplicationContext context, String... path) {
		return ((CompositeHealth) healthAt(context, path)).getComponents().keySet();
	}

	private static HealthComponent healthAt(ApplicationContext context, String... path) {
		HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
		return (path.length == 0) ? endpoint.health() : endpoint.healthForPath(path);
	}

	/**
	 * An application bean customizing Reactor Netty's {@code HttpClient} the line's way
	 * (a {@code ReactorNettyHttpClientMapper}), with the given order.
	 * @param name the bean name
	 * @param order the bean's order among the application's customizers
	 * @param customizer what to do to the {@code HttpClient}
	 * @return the runner customization, for {@code ApplicationContextRunner#with}
	 */
	public static Function<ApplicationContextRunner, ApplicationContextRunner> httpClientCustomizer(String name,
			int order, UnaryOperator<HttpClient> customizer) {
		return (runner) -> runner.withBean(name, ReactorNettyHttpClientMapper.class, () -> new OrderedHttpClientCustomizer(order, customizer));
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
			HttpClientObservationsAutoConfiguration.class, OpenTelemetryAutoConfiguration.class,
			OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
			ReactorAutoConfiguration.class })
	public static class TracedWebClientApplication {

	}

	private record OrderedHttpClientCustomizer(int order, UnaryOperator<HttpClient> customizer)
			implements ReactorNettyHttpClientMapper, Ordered {

		@Override
		public HttpClient configure(HttpClient client) {
			return this.customizer.apply(client);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
