package dev.connector.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.autoconfigure.ConnectorFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import reactor.core.publisher.Hooks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The variants measured inside a Spring Boot application, as a Boot user builds their
 * clients: one application context, started in the driver JVM on first use, with actuator
 * metrics (Boot's {@code SimpleMeterRegistry}), observation and OpenTelemetry tracing
 * (micrometer-tracing-bridge-otel, {@value #SAMPLING} sampling, spans exported to an
 * in-process exporter that counts and drops them, so nothing leaves the machine), no web
 * server. The Connector's auto-configuration is on, as it is in an application that has the
 * starter:
 * <ol type="A" start="9">
 * <li>a plain {@code WebClient} from the application's auto-configured
 * {@code WebClient.Builder}, so observed by Boot as {@code http.client.requests}, on a pool
 * of its own configured as B's;</li>
 * <li>the application's {@code Connector} for {@code connector.clients.bench} (the default
 * {@code http} transport, everything on);</li>
 * <li>the same on {@code transport: netty} ({@code connector.clients.bench-netty}).</li>
 * </ol>
 * Each run still gets a fresh client: I a new {@code WebClient} from the (prototype)
 * builder bean with a new pool, J and K a new {@code Connector} from the application's
 * {@link ConnectorFactory}, which is how the context builds its {@code Connector} beans.
 * Only one client of a name may be open at a time (it registers its Resilience4j instances
 * under its name), so the context's own {@code bench} and {@code bench-netty} beans are
 * closed right after start-up; nothing asks for them afterwards. Starting a context per run
 * instead would cost seconds each (start-up, and the graceful shutdown of Reactor Netty's
 * global resources when it closes) for no difference in what is measured.
 * <p>
 * The Connector's auto-configuration turns on Reactor's automatic context propagation, a
 * JVM-wide hook. So that A to H measure as before, the hook is on only while a client of
 * this application is open, as it would be for the whole life of the application, and off
 * otherwise.
 */
final class BootVariants implements AutoCloseable {

	/** {@code management.tracing.sampling.probability}. */
	static final String SAMPLING = "0.1";

	/** The concurrencies the Boot variants run at: those the goals name. */
	static final List<Integer> CONCURRENCIES = List.of(64, 256);

	/** The client of variant J. */
	static final String HTTP = "bench";

	/** The client of variant K. */
	static final String NETTY = "bench-netty";

	private static final ConnectorRequest REQUEST = ConnectorRequest.get(Variants.PATH).build();

	private final String baseUrl;

	private ConfigurableApplicationContext context;

	private boolean contextPropagation;

	private DroppingSpanExporter spans;

	private MeterRegistry meters;

	private double startSeconds;

	/**
	 * Prepare the variants; the application starts when one of them is first opened.
	 * @param baseUrl the server's base URL
	 */
	BootVariants(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * The application's properties, besides {@code spring.main.web-application-type=none}.
	 * @param baseUrl the server's base URL
	 * @return the properties, in the form {@code key=value}
	 */
	static List<String> properties(String baseUrl) {
		return List.of("management.tracing.sampling.probability=" + SAMPLING, "connector.default-client=" + HTTP,
				"connector.clients." + HTTP + ".base-url=" + baseUrl, "connector.clients." + NETTY + ".base-url=" + baseUrl,
				"connector.clients." + NETTY + ".transport=netty");
	}

	/**
	 * Return the three variants, in report order.
	 * @return I, J and K
	 */
	List<Variant> all() {
		return List.of(
				new Variant("I", "Boot app: WebClient from Boot's WebClient.Builder (observed as http.client.requests), "
						+ "pool as B", this::webClient, CONCURRENCIES),
				new Variant("J", "Boot app: its Connector (http transport), everything on",
						() -> connector(HTTP), CONCURRENCIES),
				new Variant("K", "Boot app: its Connector on the netty transport, everything on",
						() -> connector(NETTY), CONCURRENCIES));
	}

	private Client webClient() {
		ConfigurableApplicationContext application = application();
		ConnectionProvider pool = Variants.pool("bench-i");
		WebClient client = application.getBean(WebClient.Builder.class)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
			.baseUrl(this.baseUrl)
			.build();
		return opened(new Client(() -> Variants.get(client), pool::dispose));
	}

	private Client connector(String name) {
		Connector connector = application().getBean(ConnectorFactory.class).create(name);
		return opened(new Client(() -> connector.request(REQUEST)
			.map((response) -> Client.ok(response.status(), response.bodyAsByteArray())), connector::close));
	}

	/**
	 * Turn the application's context propagation on for the client's life.
	 */
	private Client opened(Client client) {
		if (this.contextPropagation) {
			Hooks.enableAutomaticContextPropagation();
		}
		return new Client(client.calls(), () -> {
			try {
				client.close();
			}
			finally {
				Hooks.disableAutomaticContextPropagation();
			}
		});
	}

	private ConfigurableApplicationContext application() {
		if (this.context == null) {
			long start = System.nanoTime();
			boolean hookBefore = Hooks.isAutomaticContextPropagationEnabled();
			// slf4j-nop is the driver's binding: Boot must not look for Logback
			System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
			this.context = new SpringApplicationBuilder(BenchmarkApplication.class)
				.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties(properties(this.baseUrl).toArray(String[]::new))
				.run();
			this.contextPropagation = Hooks.isAutomaticContextPropagationEnabled();
			this.spans = this.context.getBean(DroppingSpanExporter.class);
			this.meters = this.context.getBean(MeterRegistry.class);
			// closes them, which unregisters their Resilience4j instances: each run opens its own
			DefaultListableBeanFactory beans = (DefaultListableBeanFactory) this.context.getBeanFactory();
			beans.destroySingleton(HTTP);
			beans.destroySingleton(NETTY);
			if (!hookBefore) {
				Hooks.disableAutomaticContextPropagation();
			}
			this.startSeconds = (System.nanoTime() - start) / 1e9;
			log(String.format(Locale.ROOT, "Boot application started in %.1f s (automatic context propagation %s)",
					this.startSeconds, this.contextPropagation ? "on" : "off"));
		}
		return this.context;
	}

	/**
	 * Describe the application for the report, with what it observed (all of it once it is
	 * closed).
	 * @return a sentence, or {@code null} if it never started
	 */
	String describe() {
		if (this.spans == null) {
			return null;
		}
		return String.format(Locale.ROOT, "one Spring Boot application context (web application type none, "
				+ "actuator, micrometer-tracing-bridge-otel, a span exporter that drops spans), started once in the "
				+ "driver in %.1f s and shared by I, J and K; properties `%s`; automatic context propagation %s while "
				+ "a client of it is open; spans exported: %,d; timers: %s", this.startSeconds,
				String.join(" ", properties("http://127.0.0.1:<port>")), this.contextPropagation ? "on" : "off",
				this.spans.spans(), timers());
	}

	private String timers() {
		Map<String, Long> counts = this.meters.getMeters()
			.stream()
			.filter(Timer.class::isInstance)
			.collect(Collectors.groupingBy((meter) -> meter.getId().getName(), TreeMap::new,
					Collectors.summingLong((meter) -> ((Timer) meter).count())));
		return counts.entrySet()
			.stream()
			.map((entry) -> String.format(Locale.ROOT, "%s %,d", entry.getKey(), entry.getValue()))
			.collect(Collectors.joining(", "));
	}

	/**
	 * Close the application, if it started.
	 */
	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
			Hooks.disableAutomaticContextPropagation();
			log("Boot application closed: " + describe());
			this.context = null;
		}
	}

	private static void log(String message) {
		System.err.println("[bench] " + message);
	}

	/**
	 * The application: Boot's auto-configuration and an exporter that keeps no span.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BenchmarkApplication {

		@Bean
		DroppingSpanExporter droppingSpanExporter() {
			return new DroppingSpanExporter();
		}

	}

	/**
	 * Counts the spans Boot's batch span processor hands it and drops them: the export
	 * pipeline of a traced application, without the network.
	 */
	static final class DroppingSpanExporter implements SpanExporter {

		private final LongAdder spans = new LongAdder();

		@Override
		public CompletableResultCode export(Collection<SpanData> batch) {
			this.spans.add(batch.size());
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

		long spans() {
			return this.spans.sum();
		}

	}

}
