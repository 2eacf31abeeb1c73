package dev.connector.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.batch.BatchOptions;
import dev.connector.config.ClientSettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AutoClose;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Observations of calls, attempts and batches, and request logging, against a real loopback
 * server.
 */
class ConnectorObservationTest {

	private final HttpTransportUnderTest transport;


	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	/** The trace header each observed context asked to send, as a tracing handler would. */
	private final Map<Observation.Context, String> traceparents = new ConcurrentHashMap<>();

	private final List<String> events = new CopyOnWriteArrayList<>();

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;

	ConnectorObservationTest(HttpTransportUnderTest transport) {
		this.transport = transport;
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				if (context instanceof ConnectorObservationContext sender && sender.getCarrier() != null) {
					String traceparent = "00-trace-" + ConnectorObservationTest.this.traceparents.size() + "-01";
					ConnectorObservationTest.this.traceparents.put(context, traceparent);
					sender.getSetter().set(sender.getCarrier(), "traceparent", traceparent);
				}
			}

			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				ConnectorObservationTest.this.events.add(context.getName() + ": " + event.getName());
			}

			@Override
			public void onStop(Observation.Context context) {
				ConnectorObservationTest.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}


	private Connector connect(LoopbackServer.Handler handler, Connector.Builder builder) {
		this.server = LoopbackServer.start(handler);
		this.connector = builder.settings((s) -> s.baseUrl(this.server.baseUrl())).build();
		return this.connector;
	}

	private Connector.Builder observed() {
		return this.transport.builder("payments").observationRegistry(this.registry);
	}

	private List<ConnectorObservationContext> stopped(ConnectorObservationContext.Type type) {
		return this.stopped.stream()
			.filter(ConnectorObservationContext.class::isInstance)
			.map(ConnectorObservationContext.class::cast)
			.filter((context) -> context.getType() == type)
			.toList();
	}

	@EachHttpTransport
	void callIsObservedWithTheDocumentedKeys() {
		connect((request, response) -> response.sendString(Mono.just("ok")), observed());
		this.connector.blocking().request(ConnectorRequest.post("/charges").body("{\"amount\":1}").build());
		assertThat(this.registry).hasObservationWithNameEqualTo("connector.request")
			.that()
			.hasContextualNameEqualTo("payments POST")
			.hasLowCardinalityKeyValue("client", "payments")
			.hasLowCardinalityKeyValue("transport", this.transport.type())
			.hasLowCardinalityKeyValue("method", "POST")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("status", "200")
			.hasLowCardinalityKeyValue("exception", "none")
			.hasLowCardinalityKeyValue("uri", "none")
			.hasHighCardinalityKeyValue("http.url", this.server.baseUrl() + "/charges")
			.hasHighCardinalityKeyValue("request.size", "12")
			.hasHighCardinalityKeyValue("response.size", "2")
			.hasHighCardinalityKeyValue("attempts", "1");
	}

	@EachHttpTransport
	void failedCallRecordsOutcomeStatusAndException() {
		connect((request, response) -> response.status(404).send(), observed());
		catchThrowableOfType(RuntimeException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/missing").build()));
		assertThat(this.registry).hasObservationWithNameEqualTo("connector.request")
			.that()
			.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
			.hasLowCardinalityKeyValue("status", "404")
			.hasLowCardinalityKeyValue("exception", "ClientErrorException")
			.hasError();
	}

	@EachHttpTransport
	void callAnsweredAtOnceIsOneObservationWhoseTraceHeaderItSent() {
		connect((request, response) -> response.sendString(Mono.just("ok")), observed());
		this.connector.blocking().request(ConnectorRequest.get("/quotes").build());
		assertThat(this.registry).hasNumberOfObservationsEqualTo(1)
			.hasObservationWithNameEqualTo("connector.request")
			.that()
			.hasHighCardinalityKeyValue("attempts", "1");
		ConnectorObservationContext call = stopped(ConnectorObservationContext.Type.CALL).get(0);
		assertThat(this.server.lastRequest().headers().get("traceparent")).isEqualTo(this.traceparents.get(call));
	}

	@EachHttpTransport
	void retriedCallShowsEachRetryUnderOneCallWithTheTraceHeaderItSent() {
		AtomicInteger count = new AtomicInteger();
		connect((request, response) -> (count.getAndIncrement() < 2) ? response.status(503).send()
				: response.sendString(Mono.just("ok")),
				observed().settings((s) -> s.retry(ClientSettings.RetrySettings.builder()
					.waitDuration(Duration.ofMillis(10))
					.multiplier(1.0)
					.maxWaitDuration(Duration.ofMillis(10))
					.jitter(0)
					.build())));
		this.connector.blocking().request(ConnectorRequest.get("/flaky").build());
		List<ConnectorObservationContext> calls = stopped(ConnectorObservationContext.Type.CALL);
		List<ConnectorObservationContext> attempts = stopped(ConnectorObservationContext.Type.ATTEMPT);
		assertThat(calls).hasSize(1);
		// the call carries attempt 1; each retry is its own child
		assertThat(attempts).hasSize(2);
		assertThat(attempts).extracting(ConnectorObservationContext::getAttempt).containsExactly(2, 3);
		assertThat(attempts).allSatisfy((attempt) -> assertThat(attempt.getParentObservation().getContextView())
			.isSameAs(calls.get(0)));
		assertThat(attempts).extracting((attempt) -> attempt.getError() != null).containsExactly(true, false);
		assertThat(calls.get(0).getAttempt()).isEqualTo(3);
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("connector.request.attempt", 2);
		assertThat(this.events).containsExactly("connector.request: connector.attempt.failed");
		assertThat(this.server.requests()).extracting((request) -> request.headers().get("traceparent"))
			.containsExactly(this.traceparents.get(calls.get(0)), this.traceparents.get(attempts.get(0)),
					this.traceparents.get(attempts.get(1)))
			.doesNotHaveDuplicates();
	}

	@EachHttpTransport
	void batchIsTheParentOfEachOfItsCalls() {
		connect((request, response) -> response.sendString(Mono.just("ok")), observed());
		List<ConnectorRequest> requests = IntStream.range(0, 5)
			.mapToObj((i) -> ConnectorRequest.get("/item/" + i).build())
			.toList();
		this.connector.blocking().batch(requests, BatchOptions.builder().maxConcurrency(2).build());
		List<ConnectorBatchObservationContext> batches = this.stopped.stream()
			.filter(ConnectorBatchObservationContext.class::isInstance)
			.map(ConnectorBatchObservationContext.class::cast)
			.toList();
		assertThat(batches).hasSize(1);
		assertThat(batches.get(0).getSize()).isEqualTo(5);
		List<ConnectorObservationContext> calls = stopped(ConnectorObservationContext.Type.CALL);
		assertThat(calls).hasSize(5)
			.allSatisfy((call) -> assertThat(call.getParentObservation().getContextView()).isSameAs(batches.get(0)));
		assertThat(this.registry).hasObservationWithNameEqualTo("connector.batch")
			.that()
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasHighCardinalityKeyValue("batch.size", "5");
	}

	@EachHttpTransport
	void customConventionRenamesAndRetags() {
		connect((request, response) -> response.sendString(Mono.just("ok")),
				observed().observationConvention(new DefaultConnectorObservationConvention() {

					@Override
					public String getName() {
						return "upstream.call";
					}

					@Override
					public KeyValues getLowCardinalityKeyValues(ConnectorObservationContext context) {
						return super.getLowCardinalityKeyValues(context).and("team", "checkout");
					}

				}));
		this.connector.blocking().request(ConnectorRequest.get("/x").build());
		assertThat(this.registry).hasObservationWithNameEqualTo("upstream.call")
			.that()
			.hasLowCardinalityKeyValue("team", "checkout")
			.hasLowCardinalityKeyValue("client", "payments");
		assertThat(stopped(ConnectorObservationContext.Type.CALL)).extracting(Observation.Context::getName)
			.containsExactly("upstream.call");
	}

	@EachHttpTransport
	void clientWithObservationOffRecordsNothing() {
		connect((request, response) -> response.sendString(Mono.just("ok")),
				observed().settings((s) -> s.observationEnabled(false)));
		this.connector.blocking().request(ConnectorRequest.get("/x").build());
		assertThat(this.registry).doesNotHaveAnyObservation();
	}

	@EachHttpTransport
	void handlerThatThrowsNeverFailsTheCall() {
		ObservationRegistry broken = ObservationRegistry.create();
		broken.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				throw new IllegalStateException("broken handler on start");
			}

			@Override
			public void onStop(Observation.Context context) {
				throw new IllegalStateException("broken handler on stop");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		connect((request, response) -> response.sendString(Mono.just("ok")),
				this.transport.builder("payments").observationRegistry(broken));
		assertThat(this.connector.blocking().request(ConnectorRequest.get("/x").build()).bodyAsString())
			.isEqualTo("ok");
	}

	@EachHttpTransport
	void headersLevelLogsRequestLineAndHeadersWithSecretsMasked() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ListAppender<ILoggingEvent> captured = new ListAppender<>();
		captured.start();
		root.addAppender(captured);
		Level previous = root.getLevel();
		root.setLevel(Level.DEBUG);
		try {
			connect((request, response) -> response.sendString(Mono.just("ok")),
					this.transport.builder("payments")
						.settings((s) -> s.header("X-Caller", "orders")
							.logging(ClientSettings.LoggingSettings.builder().level(ClientSettings.LogLevel.HEADERS).build())));
			this.connector.blocking()
				.request(ConnectorRequest.get("/accounts").header("Authorization", "Bearer s3cr3t-t0ken").build());
		}
		finally {
			root.detachAppender(captured);
			root.setLevel(previous);
		}
		List<ILoggingEvent> events;
		synchronized (captured) {
			// a Netty thread may still be appending: AppenderBase appends under this lock
			events = List.copyOf(captured.list);
		}
		List<String> lines = events.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("event=connector.request.sent")
			.contains("method=GET uri=" + this.server.baseUrl() + "/accounts")
			.contains("X-Caller=orders")
			.contains("Authorization=██"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("event=connector.response.received")
			.contains("status=200"));
		assertThat(events).noneSatisfy((event) -> assertThat(event.toString() + event.getFormattedMessage()
				+ ((event.getThrowableProxy() != null) ? event.getThrowableProxy().getMessage() : ""))
			.contains("s3cr3t-t0ken"));
		assertThat(this.server.lastRequest().headers().get("Authorization")).isEqualTo("Bearer s3cr3t-t0ken");
	}

	@EachHttpTransport
	void aStreamIsOneObservationCountingItsElementsAndTimingTheFirst() {
		connect((request, response) -> response.header("Content-Type", "application/x-ndjson")
			.sendString(reactor.core.publisher.Flux.just("\"a\"\n", "\"b\"\n", "\"c\"\n")), observed());
		assertThat(this.connector.stream(ConnectorRequest.get("/feed").build(), String.class)
			.collectList()
			.block(Duration.ofSeconds(5))).containsExactly("\"a\"", "\"b\"", "\"c\"");
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("connector.stream", 1)
			.hasNumberOfObservationsWithNameEqualTo("connector.request", 0)
			.hasObservationWithNameEqualTo("connector.stream")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("status", "200")
			.hasHighCardinalityKeyValue("elements", "3")
			.hasHighCardinalityKeyValue("attempts", "1");
		ConnectorObservationContext stream = stopped(ConnectorObservationContext.Type.STREAM).get(0);
		assertThat(stream.getTimeToFirstElement()).isNotNull().isPositive();
	}

	@EachHttpTransport
	void aCancelledStreamEndsItsObservationAsCancelled() {
		connect((request, response) -> response.header("Content-Type", "application/x-ndjson")
			.sendString(reactor.core.publisher.Flux.interval(Duration.ofMillis(20)).map((i) -> i + "\n")), observed());
		assertThat(this.connector.stream(ConnectorRequest.get("/feed").build(), Long.class)
			.take(2)
			.collectList()
			.block(Duration.ofSeconds(5))).containsExactly(0L, 1L);
		assertThat(this.registry).hasObservationWithNameEqualTo("connector.stream")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "CANCELLED")
			.hasHighCardinalityKeyValue("elements", "2");
	}

	@EachHttpTransport
	void aStreamLogsItsEndWithoutItsElements() {
		Logger logger = (Logger) LoggerFactory.getLogger("dev.connector.logging");
		ListAppender<ILoggingEvent> captured = new ListAppender<>();
		captured.start();
		logger.addAppender(captured);
		try {
			connect((request, response) -> response.header("Content-Type", "application/x-ndjson")
				.sendString(reactor.core.publisher.Flux.just("\"s3cr3t-element\"\n", "\"b\"\n")),
					this.transport.builder("payments")
						.settings((s) -> s.logging(ClientSettings.LoggingSettings.builder().level(ClientSettings.LogLevel.HEADERS).build())));
			assertThat(this.connector.stream(ConnectorRequest.get("/feed").build(), String.class)
				.collectList()
				.block(Duration.ofSeconds(5))).hasSize(2);
		}
		finally {
			logger.detachAppender(captured);
		}
		List<String> lines;
		synchronized (captured) {
			lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		}
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("event=connector.request.sent"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("event=connector.stream.ended")
			.contains("outcome=completed")
			.contains("elements=2"));
		assertThat(lines).noneSatisfy((line) -> assertThat(line).contains("s3cr3t-element"));
	}

}
