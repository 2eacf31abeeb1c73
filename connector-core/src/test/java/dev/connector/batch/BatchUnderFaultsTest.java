package dev.connector.batch;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.DecodeException;
import dev.connector.RateLimitedException;
import dev.connector.ServerErrorException;
import dev.connector.TransportException;
import dev.connector.config.ClientSettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.FaultServer;
import dev.connector.test.FaultServer.Exchange;
import dev.connector.test.FaultServer.Fault;
import org.junit.jupiter.api.AutoClose;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * A large batch in collect mode against a server that fails a seeded 5% of attempts with
 * fast faults: one result per request in input order, each success the very answer the
 * server gave that request, each failure typed after the fault the last attempt met, and no
 * POST ever sent twice.
 */
class BatchUnderFaultsTest {

	private static final int REQUESTS = 10_000;

	private static final int MAX_ATTEMPTS = 3;

	private static final List<Fault> FAST_FAULTS = List.of(Fault.SERVICE_UNAVAILABLE, Fault.TOO_MANY_REQUESTS,
			Fault.RESET, Fault.CLOSE_MID_BODY, Fault.SHORT_CONTENT_LENGTH, Fault.INVALID_JSON);

	@AutoClose
	private FaultServer server;

	@AutoClose
	private Connector connector;

	@EachHttpTransport
	void collectModeGivesEveryRequestItsOwnOutcomeAndNeverRepeatsAPost(HttpTransportUnderTest transport) {
		this.server = FaultServer.start(FaultServer.Options.DEFAULTS
			.withRandom(new FaultServer.RandomFaults(20261123L, 0.05, FAST_FAULTS)));
		this.connector = transport.builder("batch")
			.settings((s) -> s.baseUrl(this.server.baseUrl())
				.timeout(Duration.ofSeconds(10))
				.readTimeout(Duration.ofSeconds(5))
				.retry(ClientSettings.RetrySettings.builder()
					.maxAttempts(MAX_ATTEMPTS)
					.waitDuration(Duration.ofMillis(5))
					.multiplier(1.0)
					.jitter(0)
					.build()))
			.build();
		List<ConnectorRequest> requests = IntStream.range(0, REQUESTS)
			.mapToObj((i) -> (i % 4 == 0) ? ConnectorRequest.post("/random/" + i).body("{\"id\":" + i + "}").build()
					: ConnectorRequest.get("/random/" + i).build())
			.toList();

		List<BatchResult<ConnectorResponse>> results = this.connector.blocking()
			.batch(requests, BatchOptions.builder().maxConcurrency(32).build());

		assertThat(results).hasSize(REQUESTS);
		Map<Fault, Integer> faultsMet = new EnumMap<>(Fault.class);
		int failures = 0;
		for (int i = 0; i < REQUESTS; i++) {
			BatchResult<ConnectorResponse> result = results.get(i);
			String key = String.valueOf(i);
			assertThat(result.index()).isEqualTo(i);
			assertThat(result.request()).isSameAs(requests.get(i));
			List<Exchange> exchanges = this.server.exchanges(key);
			exchanges.forEach((exchange) -> faultsMet.merge(exchange.fault(), 1, Integer::sum));
			boolean post = requests.get(i).method() == HttpMethod.POST;
			// every connection was established, so a POST may reach the server once only
			assertThat(exchanges).as("attempts of request %d", i).hasSizeBetween(1, post ? 1 : MAX_ATTEMPTS);
			Exchange last = exchanges.get(exchanges.size() - 1);
			if (last.answered() != null) {
				assertThat(result.isSuccess()).as("result of request %d", i).isTrue();
				assertThat(result.value().bodyAsString()).isEqualTo(last.answered());
				assertThat(result.value().attempts()).isEqualTo(exchanges.size());
				if (last.fault() == Fault.INVALID_JSON) {
					assertThat(catchThrowable(() -> result.value().body(Answer.class)))
						.isInstanceOf(DecodeException.class);
				}
				else {
					assertThat(result.value().body(Answer.class)).isEqualTo(new Answer(key, last.method(),
							exchanges.size()));
				}
			}
			else {
				failures++;
				assertThat(result.isSuccess()).as("result of request %d", i).isFalse();
				ConnectorException error = result.error();
				assertThat(error).isInstanceOf(expectedFailure(last.fault()));
				assertThat(error.getAttempts()).isEqualTo(exchanges.size());
				assertThat(error).hasMessageContaining("client=batch")
					.hasMessageContaining(last.method() + " " + this.server.baseUrl() + "/random/" + i);
				// a GET fails only once the policy's attempts are spent; a POST after its first
				assertThat(exchanges).as("attempts of failed request %d", i).hasSize(post ? 1 : MAX_ATTEMPTS);
			}
		}
		int faulted = faultsMet.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() != Fault.NONE)
			.mapToInt(Map.Entry::getValue)
			.sum();
		// the seed draws about 5% of some 10,500 attempts, and every kind of fault
		assertThat(faulted).isBetween(350, 700);
		assertThat(faultsMet.keySet()).containsAll(FAST_FAULTS);
		assertThat(failures).isPositive();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.busyConnections() == 0);
		this.connector.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openConnections() == 0);
	}

	private static Class<? extends ConnectorException> expectedFailure(Fault fault) {
		return switch (fault) {
			case SERVICE_UNAVAILABLE -> ServerErrorException.class;
			case TOO_MANY_REQUESTS -> RateLimitedException.class;
			case RESET, CLOSE_MID_BODY, SHORT_CONTENT_LENGTH -> TransportException.class;
			default -> throw new IllegalStateException("No failure expected after " + fault);
		};
	}

	/**
	 * What the server answers normally.
	 */
	record Answer(String key, String method, int attempt) {
	}

}
