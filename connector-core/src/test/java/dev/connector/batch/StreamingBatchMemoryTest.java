package dev.connector.batch;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming batch holds memory bounded: 100,000 requests through a {@code Flux} complete
 * in a JVM whose heap is capped at 128 MB. Surefire runs this class in its own execution,
 * {@code streaming-batch-memory}, with {@code -Xmx128m} (see the module's pom).
 */
class StreamingBatchMemoryTest {

	private static final int REQUESTS = 100_000;

	@EachHttpTransport
	void hundredThousandRequestsCompleteWithin128MegabytesOfHeap(HttpTransportUnderTest transport) {
		assertThat(Runtime.getRuntime().maxMemory()).as("max heap").isLessThanOrEqualTo(128L * 1024 * 1024);
		try (LoopbackServer server = LoopbackServer
			.startUnrecorded((request, response) -> response.sendString(Mono.just("{\"ok\":true}")));
				Connector connector = transport.builder("stream")
					.settings((s) -> s.baseUrl(server.baseUrl()))
					.build()) {
			Flux<ConnectorRequest> requests = Flux.range(0, REQUESTS)
				.map((i) -> ConnectorRequest.get("/item/" + i).build());
			long[] next = { 0 };
			long successes = connector.batch(requests, BatchOptions.builder().maxConcurrency(64).build())
				.doOnNext((result) -> assertThat(result.index()).isEqualTo(next[0]++))
				.filter(BatchResult::isSuccess)
				.count()
				.block(Duration.ofMinutes(3));
			assertThat(successes).isEqualTo(REQUESTS);
		}
	}

}
