package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.connector.Connector;
import dev.connector.ConnectorInterceptor;
import dev.connector.ConnectorRequest;
import dev.connector.batch.BatchOptions;
import dev.connector.observation.ConnectorObservationConvention;
import dev.connector.observation.DefaultConnectorObservationConvention;
import dev.connector.test.LoopbackServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observations through the application's registry: metrics, OpenTelemetry spans with
 * parent/child links, W3C {@code traceparent} on the wire, and trace ids in the log MDC.
 */
class ConnectorObservationAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.observationMetrics())
		.withConfiguration(BootLine.tracing())
		.withPropertyValues("management.tracing.sampling.probability=1.0");

	private final List<String> traceparents = new CopyOnWriteArrayList<>();

	private final AtomicInteger count = new AtomicInteger();

	/** Captures each event with the MDC of the thread that logged it. */
	private final ListAppender<ILoggingEvent> logs = new ListAppender<>() {

		@Override
		protected void append(ILoggingEvent event) {
			event.prepareForDeferredProcessing();
			super.append(event);
		}

	};

	private LoopbackServer server;

	@BeforeEach
	void start() {
		this.server = LoopbackServer.start((request, response) -> {
			this.traceparents.add(request.headers().get("traceparent"));
			return (request.path().equals("/flaky") && this.count.getAndIncrement() < 2) ? response.status(503).send()
					: response.sendString(Mono.just("ok"));
		});
		this.logs.start();
	}

	@AfterEach
	void stop() {
		((Logger) LoggerFactory.getLogger(TracedInterceptor.class)).detachAppender(this.logs);
		this.server.close();
	}

	private String[] client() {
		return new String[] { "connector.clients.payments.base-url=" + this.server.baseUrl(),
				"connector.clients.payments.retry.wait-duration=10ms", "connector.clients.payments.retry.jitter=0" };
	}

	private static List<SpanData> spans(org.springframework.context.ApplicationContext context) {
		context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
		return context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
	}

	private static List<SpanData> named(List<SpanData> spans, String name) {
		return spans.stream().filter((span) -> span.getName().startsWith(name)).toList();
	}

	/**
	 * Run a real application: the MDC integration of the OpenTelemetry bridge is installed
	 * by an application listener, which only a SpringApplication runs.
	 */
	private void runTracedApplication(Consumer<ConfigurableApplicationContext> test) {
		runTracedApplication("http", test);
	}

	private void runTracedApplication(String transport, Consumer<ConfigurableApplicationContext> test) {
		List<String> properties = new java.util.ArrayList<>(List.of(client()));
		properties.add("connector.clients.payments.transport=" + transport);
		properties.add("management.tracing.sampling.probability=1.0");
		// MDC across thread hops is Boot's to turn on, not the starter's
		properties.add("spring.reactor.context-propagation=auto");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TracedApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run()) {
			// after start-up, which re-initializes the logging system
			((Logger) LoggerFactory.getLogger(TracedInterceptor.class)).addAppender(this.logs);
			test.accept(context);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http", "netty" })
	void retriedCallSendsTraceparentOfEachAttemptAndParentsRetriesUnderTheCall(String transport) {
		runTracedApplication(transport, (context) -> {
			context.getBean(Connector.class).blocking().request(ConnectorRequest.get("/flaky").build());
			List<SpanData> spans = spans(context);
			List<SpanData> calls = named(spans, "payments GET").stream()
				.filter((span) -> !span.getName().contains("attempt"))
				.toList();
			List<SpanData> attempts = named(spans, "payments GET attempt");
			assertThat(calls).hasSize(1);
			// the call's span carries attempt 1; each retry is a child span of its own
			assertThat(attempts).extracting(SpanData::getName)
				.containsExactlyInAnyOrder("payments GET attempt 2", "payments GET attempt 3");
			SpanData call = calls.get(0);
			assertThat(attempts).allSatisfy((attempt) -> {
				assertThat(attempt.getTraceId()).isEqualTo(call.getTraceId());
				assertThat(attempt.getParentSpanId()).isEqualTo(call.getSpanId());
			});
			// the tracing handler names a span event by the observation event's contextual name
			assertThat(call.getEvents()).extracting(io.opentelemetry.sdk.trace.data.EventData::getName)
				.contains("attempt 1 failed: ServerErrorException");
			assertThat(this.traceparents).hasSize(3).doesNotHaveDuplicates();
			assertThat(this.traceparents).allSatisfy(
					(traceparent) -> assertThat(traceparent.split("-")[1]).isEqualTo(call.getTraceId()));
			assertThat(this.traceparents.get(0).split("-")[2]).isEqualTo(call.getSpanId());
			assertThat(this.traceparents.subList(1, 3)).extracting((traceparent) -> traceparent.split("-")[2])
				.containsExactlyInAnyOrderElementsOf(attempts.stream().map(SpanData::getSpanId).toList());
			// logged inside each attempt, on the calling thread and after a hop to the event loop
			assertThat(this.logs.list).hasSize(6)
				.allSatisfy((event) -> assertThat(event.getMDCPropertyMap()).containsEntry("traceId", call.getTraceId()));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http", "netty" })
	void callWithoutRetriesIsOneSpanAndOneTimerSampleWithoutBootsHttpClientObservation(String transport) {
		runTracedApplication(transport, (context) -> {
			context.getBean(Connector.class).blocking().request(ConnectorRequest.get("/ok").build());
			List<SpanData> spans = spans(context);
			assertThat(spans).extracting(SpanData::getName).containsExactly("payments GET");
			assertThat(this.traceparents).singleElement()
				.satisfies((traceparent) -> assertThat(traceparent.split("-")[2]).isEqualTo(spans.get(0).getSpanId()));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("http.client.requests").meters()).isEmpty();
			assertThat(meters.find("connector.request.attempt").meters()).isEmpty();
			assertThat(meters.get("connector.request").tags("client", "payments").timer().count()).isEqualTo(1);
		});
	}

	@Test
	void anObservationHandlerThatThrowsLeavesCallsSucceeding() {
		this.contextRunner
			.withConfiguration(BootLine.webClientObservations())
			.withBean(ThrowingHandler.class, ThrowingHandler::new)
			.withPropertyValues(client())
			.run((context) -> {
				assertThat(context.getBean(Connector.class).blocking().request(ConnectorRequest.get("/flaky").build())
					.bodyAsString()).isEqualTo("ok");
				assertThat(context.getBean(ThrowingHandler.class).seen).hasValueGreaterThan(0);
			});
	}

	/** Throws on every start and stop of every observation. */
	static class ThrowingHandler implements io.micrometer.observation.ObservationHandler<io.micrometer.observation.Observation.Context> {

		final AtomicInteger seen = new AtomicInteger();

		@Override
		public void onStart(io.micrometer.observation.Observation.Context context) {
			this.seen.incrementAndGet();
			throw new IllegalStateException("handler failed on start");
		}

		@Override
		public void onStop(io.micrometer.observation.Observation.Context context) {
			throw new IllegalStateException("handler failed on stop");
		}

		@Override
		public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
			return true;
		}

	}

	@Test
	void batchSpanIsTheParentOfEachCall() {
		runTracedApplication((context) -> {
			List<ConnectorRequest> requests = IntStream.range(0, 3)
				.mapToObj((i) -> ConnectorRequest.get("/item/" + i).build())
				.toList();
			context.getBean(Connector.class).blocking().batch(requests, BatchOptions.builder().maxConcurrency(3).build());
			List<SpanData> spans = spans(context);
			List<SpanData> batches = named(spans, "payments batch");
			assertThat(batches).hasSize(1);
			List<SpanData> calls = spans.stream().filter((span) -> span.getName().equals("payments GET")).toList();
			assertThat(calls).hasSize(3)
				.allSatisfy((call) -> assertThat(call.getParentSpanId()).isEqualTo(batches.get(0).getSpanId()));
			assertThat(this.logs.list).hasSize(6)
				.allSatisfy((event) -> assertThat(event.getMDCPropertyMap()).containsEntry("traceId",
						batches.get(0).getTraceId()));
		});
	}

	@Test
	void callsAreTimedInTheApplicationsMeterRegistry() {
		this.contextRunner.withPropertyValues(client()).run((context) -> {
			context.getBean(Connector.class).blocking().request(ConnectorRequest.get("/ok").build());
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("connector.request")
				.tags("client", "payments", "method", "GET", "outcome", "SUCCESS", "status", "200")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("connector.request.active").longTaskTimer()).isNotNull();
		});
	}

	@Test
	void conventionBeanReplacesTheDefault() {
		this.contextRunner.withUserConfiguration(TestRegistry.class, CustomConvention.class)
			.withPropertyValues(client())
			.run((context) -> {
				context.getBean(Connector.class).blocking().request(ConnectorRequest.get("/ok").build());
				io.micrometer.observation.tck.TestObservationRegistryAssert
					.assertThat(context.getBean(TestObservationRegistry.class))
					.hasObservationWithNameEqualTo("payments.calls")
					.that()
					.hasLowCardinalityKeyValue("client", "payments");
			});
	}

	@Test
	void callsSucceedWithoutTracingOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.tracing", "io.opentelemetry"))
			.withPropertyValues(client())
			.run((context) -> {
				assertThat(context).doesNotHaveBean(Tracer.class);
				assertThat(context.getBean(Connector.class)
					.blocking()
					.request(ConnectorRequest.get("/flaky").build())
					.bodyAsString()).isEqualTo("ok");
				assertThat(this.traceparents).containsOnlyNulls();
			});
	}

	@Test
	void observationSwitchedOffRecordsNothing() {
		this.contextRunner.withUserConfiguration(TestRegistry.class)
			.withPropertyValues(client())
			.withPropertyValues("connector.observation.enabled=false")
			.run((context) -> {
				assertThat(context.getBean(Connector.class).blocking().request(ConnectorRequest.get("/ok").build())
					.status()).isEqualTo(200);
				io.micrometer.observation.tck.TestObservationRegistryAssert
					.assertThat(context.getBean(TestObservationRegistry.class))
					.doesNotHaveAnyObservation();
			});
	}

	@Test
	void clientMayTurnItsObservationOff() {
		this.contextRunner.withUserConfiguration(TestRegistry.class)
			.withPropertyValues(client())
			.withPropertyValues("connector.clients.payments.observation.enabled=false")
			.run((context) -> {
				context.getBean(Connector.class).blocking().request(ConnectorRequest.get("/ok").build());
				io.micrometer.observation.tck.TestObservationRegistryAssert
					.assertThat(context.getBean(TestObservationRegistry.class))
					.doesNotHaveAnyObservation();
			});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ConnectorAutoConfiguration.class)
	@Import({ BootLine.TracedWebClientApplication.class, Tracing.class })
	static class TracedApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class Tracing {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		TracedInterceptor tracedInterceptor() {
			return new TracedInterceptor();
		}

	}

	/** Logs once when the attempt starts and once when its response arrives. */
	static class TracedInterceptor implements ConnectorInterceptor {

		private static final org.slf4j.Logger logger = LoggerFactory.getLogger(TracedInterceptor.class);

		@Override
		public Mono<dev.connector.ConnectorResponse> intercept(ConnectorRequest request, Chain chain) {
			logger.info("event=test.attempt path={}", request.path());
			return chain.proceed(request)
				.doOnNext((response) -> logger.info("event=test.response thread={}", Thread.currentThread().getName()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TestRegistry {

		@Bean
		TestObservationRegistry testObservationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConvention {

		@Bean
		ConnectorObservationConvention paymentsConvention() {
			return new DefaultConnectorObservationConvention() {

				@Override
				public String getName() {
					return "payments.calls";
				}

			};
		}

	}

}
