package dev.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.connector.config.ClientSettings;
import dev.connector.observation.ConnectorObservationContext;
import dev.connector.test.CapturedLogs;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A token in a query parameter ({@code ?access_token=…}) reaches the upstream, and is
 * masked in everything that shows the URI: exception messages, log lines and observation
 * key values, whether the call succeeds, fails with a status, times out or cannot connect.
 */
class QueryParamRedactionTest {

	private static final String TOKEN = "t0ken-Q-8842";

	private final HttpTransportUnderTest transport;

	QueryParamRedactionTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final List<Observation.Context> observed = new CopyOnWriteArrayList<>();

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;

	@EachHttpTransport
	void theTokenIsSentButNeverShown() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				QueryParamRedactionTest.this.observed.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		this.server = LoopbackServer.start((request, response) -> switch (request.path()) {
			case "/fail" -> response.status(500).sendString(Mono.just("broken"));
			case "/slow" -> response.sendString(Mono.just("late").delayElement(Duration.ofSeconds(5)));
			default -> response.sendString(Mono.just("ok"));
		});
		List<String> shown = new ArrayList<>();
		List<String> lines;
		try (CapturedLogs logs = CapturedLogs.start()) {
			this.connector = client(this.server.baseUrl());
			assertThat(this.connector.blocking().request(get("/quotes")).bodyAsString()).isEqualTo("ok");
			shown.addAll(failure(this.connector, get("/fail"), ServerErrorException.class));
			shown.addAll(failure(this.connector, get("/slow"), ConnectorTimeoutException.class));
			try (Connector unreachable = client("http://127.0.0.1:" + LoopbackServer.unusedPort())) {
				shown.addAll(failure(unreachable, get("/quotes"), TransportException.class));
			}
			lines = logs.lines();
		}
		assertThat(this.server.requests()).extracting(LoopbackServer.RecordedRequest::uri)
			.allSatisfy((uri) -> assertThat(uri).contains("access_token=" + TOKEN));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("access_token=******"));
		assertThat(lines).noneSatisfy((line) -> assertThat(line).contains(TOKEN));
		assertThat(shown).isNotEmpty().noneSatisfy((message) -> assertThat(message).contains(TOKEN));
		assertThat(shown).anySatisfy((message) -> assertThat(message).contains("access_token=******"));
		assertThat(this.observed).isNotEmpty();
		assertThat(this.observed).allSatisfy((context) -> {
			List<KeyValue> keyValues = new ArrayList<>();
			context.getLowCardinalityKeyValues().forEach(keyValues::add);
			context.getHighCardinalityKeyValues().forEach(keyValues::add);
			assertThat(keyValues).noneSatisfy((keyValue) -> assertThat(keyValue.getValue()).contains(TOKEN));
			if (context instanceof ConnectorObservationContext call && call.getUri() != null) {
				assertThat(call.getUri().toString()).doesNotContain(TOKEN);
			}
		});
		assertThat(this.observed).anySatisfy((context) -> assertThat(context.getHighCardinalityKeyValues().stream()
			.map(KeyValue::getValue)).anySatisfy((value) -> assertThat(value).contains("access_token=******")));
	}

	private Connector client(String baseUrl) {
		return this.transport.builder("quotes")
			.observationRegistry(this.registry)
			.settings((settings) -> settings.baseUrl(baseUrl)
				.timeout(Duration.ofMillis(500))
				.retry(ClientSettings.RetrySettings.builder().enabled(false).build())
				.logging(ClientSettings.LoggingSettings.builder().level(ClientSettings.LogLevel.BODY).build()))
			.build();
	}

	private static ConnectorRequest get(String path) {
		return ConnectorRequest.get(path).query("symbol", "ACME").query("access_token", TOKEN).build();
	}

	/**
	 * Return everything the failure shows: the message and string of it and its causes.
	 */
	private static List<String> failure(Connector connector, ConnectorRequest request,
			Class<? extends ConnectorException> type) {
		ConnectorException error = catchThrowableOfType(type, () -> connector.blocking().request(request));
		assertThat(error).isNotNull();
		List<String> shown = new ArrayList<>();
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			shown.add(cause.toString());
		}
		shown.add(String.valueOf(error.getUri()));
		return shown;
	}

}
