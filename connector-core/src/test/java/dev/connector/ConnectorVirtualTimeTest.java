package dev.connector;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import dev.connector.batch.BatchOptions;
import dev.connector.batch.BatchResult;
import dev.connector.config.ClientSettings.RetrySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's clock: deadlines, retry waits and batch deadlines run on the client's
 * scheduler, so with a {@link VirtualTimeScheduler} they are exact and take no real time.
 * An interceptor answers every attempt, so no socket is crossed.
 */
class ConnectorVirtualTimeTest {

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	private final AtomicInteger attempts = new AtomicInteger();

	private Connector connector;

	@AfterEach
	void close() {
		if (this.connector != null) {
			this.connector.close();
		}
		this.clock.dispose();
	}

	/** A client whose n-th attempt (from 0) is answered by the given function. */
	private Connector answering(IntFunction<Mono<ConnectorResponse>> answer, RetrySettings retry, Duration timeout) {
		this.connector = Connector.builder("payments")
			.settings((s) -> s.baseUrl("http://127.0.0.1:1").timeout(timeout).retry(retry))
			.scheduler(this.clock)
			.interceptor((request, chain) -> answer.apply(this.attempts.getAndIncrement()))
			.build();
		return this.connector;
	}

	private static RetrySettings retry(int maxAttempts, Duration wait) {
		return RetrySettings.builder()
			.maxAttempts(maxAttempts)
			.waitDuration(wait)
			.multiplier(2.0)
			.maxWaitDuration(Duration.ofSeconds(30))
			.jitter(0)
			.build();
	}

	private static Mono<ConnectorResponse> status(int status, String... headers) {
		HttpHeaders values = new HttpHeaders();
		for (int i = 0; i < headers.length; i += 2) {
			values.add(headers[i], headers[i + 1]);
		}
		return Mono.just(ConnectorResponse.of(status, values, "ok".getBytes()));
	}

	private <T> StepVerifier.Step<T> verify(Mono<T> call) {
		return StepVerifier.withVirtualTime(() -> call, () -> this.clock, Long.MAX_VALUE).expectSubscription();
	}

	@Test
	void retryWaitsGrowExponentiallyAsConfigured() {
		Connector client = answering((n) -> (n < 2) ? status(503) : status(200), retry(3, Duration.ofMillis(200)),
				Duration.ofSeconds(10));
		verify(client.request(ConnectorRequest.get("/charges/1").build()))
			.then(() -> assertThat(this.attempts).hasValue(1))
			.thenAwait(Duration.ofMillis(199))
			.then(() -> assertThat(this.attempts).hasValue(1))
			.thenAwait(Duration.ofMillis(1))
			.then(() -> assertThat(this.attempts).hasValue(2))
			.thenAwait(Duration.ofMillis(399))
			.then(() -> assertThat(this.attempts).hasValue(2))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((response) -> assertThat(response.status()).isEqualTo(200))
			.verifyComplete();
		assertThat(this.attempts).hasValue(3);
	}

	@Test
	void retryAfterSetsTheNextWait() {
		Connector client = answering((n) -> (n == 0) ? status(429, "Retry-After", "5") : status(200),
				retry(3, Duration.ofMillis(10)), Duration.ofSeconds(10));
		verify(client.request(ConnectorRequest.get("/quotes").build())).thenAwait(Duration.ofMillis(4999))
			.then(() -> assertThat(this.attempts).hasValue(1))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((response) -> assertThat(response.status()).isEqualTo(200))
			.verifyComplete();
	}

	@Test
	void retryAfterBeyondTheDeadlineFailsAtOnce() {
		Connector client = answering((n) -> status(429, "Retry-After", "5"), retry(3, Duration.ofMillis(10)),
				Duration.ofSeconds(2));
		verify(client.request(ConnectorRequest.get("/quotes").build()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RateLimitedException.class))
			.verify();
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void overallDeadlinePassesExactlyOnTime() {
		Connector client = answering((n) -> Mono.never(), retry(3, Duration.ofMillis(10)), Duration.ofSeconds(2));
		verify(client.request(ConnectorRequest.get("/slow").build())).expectNoEvent(Duration.ofMillis(1999))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConnectorTimeoutException.class)
				.hasMessageContaining("deadline of 2s")
				.hasMessageContaining("client=payments"))
			.verify();
	}

	@Test
	void overallDeadlineCutsRetryWaitsShort() {
		Connector client = answering((n) -> status(503), retry(5, Duration.ofSeconds(1)), Duration.ofMillis(2500));
		verify(client.request(ConnectorRequest.get("/charges/1").build())).thenAwait(Duration.ofMillis(2499))
			.then(() -> assertThat(this.attempts).hasValue(2))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConnectorTimeoutException.class)
				.satisfies((timeout) -> assertThat(((ConnectorException) timeout).getAttempts()).isEqualTo(2)))
			.verify();
	}

	@Test
	void batchDeadlineReportsUnfinishedCallsAsTimeouts() {
		Connector client = answering((n) -> Mono.never(), retry(1, Duration.ofMillis(10)), Duration.ofSeconds(30));
		List<ConnectorRequest> requests = List.of(ConnectorRequest.get("/a").build(),
				ConnectorRequest.get("/b").build());
		StepVerifier
			.withVirtualTime(() -> client.batch(requests, BatchOptions.builder().timeout(Duration.ofSeconds(3)).build()),
					() -> this.clock, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(2999))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((results) -> assertThat(results).hasSize(2)
				.allSatisfy((result) -> assertThat(result.error()).isInstanceOf(ConnectorTimeoutException.class)
					.hasMessageContaining("Batch deadline of 3s"))
				.extracting(BatchResult::index)
				.containsExactly(0L, 1L))
			.verifyComplete();
	}

}
