package dev.connector.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.connector.ClientHealth;
import dev.connector.ConnectorException;
import dev.connector.FailureKind;
import dev.connector.RejectedCallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link HealthTracker} counts the calls of a client, alone and under contention.
 */
class HealthTrackerTest {

	private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

	/** Long enough never to end a passing test; only a hung one waits it out. */
	private static final long PATIENCE_SECONDS = 30;

	private final HealthTracker tracker = new HealthTracker(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void nothingRecordedIsUnknown() {
		assertThat(this.tracker.health()).isEqualTo(ClientHealth.UNKNOWN);
	}

	@ParameterizedTest
	@EnumSource(names = { "TRANSPORT", "TIMEOUT", "SERVER_ERROR" })
	void upstreamFailuresCountUpAndNameTheLastOne(FailureKind kind) {
		this.tracker.failed(failureOf(FailureKind.TRANSPORT));
		ConnectorException last = failureOf(kind);
		this.tracker.failed(last);
		ClientHealth health = this.tracker.health();
		assertThat(health.consecutiveFailures()).isEqualTo(2);
		assertThat(health.lastSuccess()).isNull();
		assertThat(health.lastFailure())
			.isEqualTo(new ClientHealth.Failure(NOW, last.getClass().getSimpleName(), last.getMessage()));
	}

	@ParameterizedTest
	@EnumSource(names = { "CLIENT_ERROR", "DECODE" })
	void failureProvingTheUpstreamAnsweredCountsAsReachable(FailureKind kind) {
		ConnectorException upstream = failureOf(FailureKind.SERVER_ERROR);
		this.tracker.failed(upstream);
		this.tracker.failed(upstream);
		this.tracker.failed(failureOf(kind));
		ClientHealth health = this.tracker.health();
		assertThat(health.consecutiveFailures()).isZero();
		assertThat(health.lastSuccess()).isEqualTo(NOW);
		assertThat(health.lastFailure().message()).isEqualTo(upstream.getMessage());
	}

	@Test
	void reachableCallResetsTheCountAndKeepsTheLastFailure() {
		ConnectorException upstream = failureOf(FailureKind.TIMEOUT);
		this.tracker.failed(upstream);
		this.tracker.reachable();
		ClientHealth health = this.tracker.health();
		assertThat(health.consecutiveFailures()).isZero();
		assertThat(health.lastSuccess()).isEqualTo(NOW);
		assertThat(health.lastFailure().message()).isEqualTo(upstream.getMessage());
	}

	@ParameterizedTest
	@EnumSource(names = { "REJECTED", "CONFIGURATION", "UNKNOWN" })
	void failureSayingNothingAboutTheUpstreamIsIgnored(FailureKind kind) {
		this.tracker.failed(failureOf(FailureKind.TRANSPORT));
		ClientHealth before = this.tracker.health();
		this.tracker.failed(failureOf(kind));
		assertThat(this.tracker.health()).isSameAs(before);
	}

	@Test
	void failureThatIsNoConnectorExceptionIsIgnored() {
		this.tracker.failed(failureOf(FailureKind.TRANSPORT));
		ClientHealth before = this.tracker.health();
		this.tracker.failed(new IllegalStateException("a bug in an interceptor"));
		assertThat(this.tracker.health()).isSameAs(before);
	}

	@Test
	void successWithinASecondOfTheLastOneKeepsItsSnapshot() {
		SettableClock clock = new SettableClock(NOW);
		HealthTracker tracker = new HealthTracker(clock);
		tracker.reachable();
		ClientHealth first = tracker.health();
		clock.set(NOW.plusMillis(999));
		tracker.reachable();
		assertThat(tracker.health()).isSameAs(first);
	}

	@Test
	void successASecondAfterTheLastOneIsRecorded() {
		SettableClock clock = new SettableClock(NOW);
		HealthTracker tracker = new HealthTracker(clock);
		tracker.reachable();
		clock.set(NOW.plusSeconds(1));
		tracker.reachable();
		assertThat(tracker.health().lastSuccess()).isEqualTo(NOW.plusSeconds(1));
	}

	@Test
	void failureRecordedWhileASuccessBuildsItsSnapshotIsNotLost() throws Exception {
		GatedClock clock = new GatedClock(NOW);
		HealthTracker tracker = new HealthTracker(clock);
		CompletableFuture<Void> success = CompletableFuture.runAsync(tracker::reachable, (task) -> {
			Thread thread = new Thread(task, "success");
			clock.hold(thread);
			thread.start();
		});
		// the success has read the snapshot and waits inside reachable() for the time
		assertThat(clock.held.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
		ConnectorException failure = failureOf(FailureKind.TRANSPORT);
		tracker.failed(failure);
		clock.release.countDown();
		success.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
		ClientHealth health = tracker.health();
		assertThat(health.lastFailure()).isNotNull();
		assertThat(health.lastFailure().message()).isEqualTo(failure.getMessage());
		assertThat(health.lastSuccess()).isEqualTo(NOW);
	}

	@Test
	void concurrentFailuresAreAllCounted() throws Exception {
		int threads = 8;
		int failuresEach = 2_000;
		ConnectorException failure = failureOf(FailureKind.SERVER_ERROR);
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Void>> done = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			done.add(CompletableFuture.runAsync(() -> {
				awaitQuietly(start);
				for (int n = 0; n < failuresEach; n++) {
					this.tracker.failed(failure);
				}
			}, (task) -> new Thread(task, "failures").start()));
		}
		start.countDown();
		CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
		assertThat(this.tracker.health().consecutiveFailures()).isEqualTo(threads * failuresEach);
	}

	private static ConnectorException failureOf(FailureKind kind) {
		ConnectorException.Builder call = ConnectorException.builder("payments")
			.method(HttpMethod.GET)
			.uri(URI.create("http://localhost:8081/quotes"))
			.attempts(1);
		return switch (kind) {
			case TRANSPORT -> call.transport("Could not connect: Connection refused", true);
			case TIMEOUT -> call.timeout("No response within the deadline of 2s", Duration.ofSeconds(2));
			case SERVER_ERROR -> call.response(503, new HttpHeaders(), "down", null);
			case CLIENT_ERROR -> call.response(404, new HttpHeaders(), "no such quote", null);
			case DECODE -> call.decode("Could not decode the body");
			case REJECTED -> call.rejected(RejectedCallException.Guard.CIRCUIT_BREAKER, "Circuit breaker is open");
			case CONFIGURATION, UNKNOWN -> call.failure("Failed: " + kind, kind);
		};
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A clock whose time a test sets.
	 */
	private static final class SettableClock extends Clock {

		private volatile Instant now;

		SettableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

	/**
	 * A fixed clock that stops one thread at its first reading until the test releases
	 * it, so that the test can act while that thread is between reading the snapshot and
	 * writing its own.
	 */
	private static final class GatedClock extends Clock {

		private final Instant now;

		private final CountDownLatch held = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private final AtomicBoolean first = new AtomicBoolean(true);

		private volatile Thread gated;

		GatedClock(Instant now) {
			this.now = now;
		}

		void hold(Thread thread) {
			this.gated = thread;
		}

		@Override
		public Instant instant() {
			if (Thread.currentThread() == this.gated && this.first.compareAndSet(true, false)) {
				this.held.countDown();
				awaitQuietly(this.release);
			}
			return this.now;
		}

		@Override
		public long millis() {
			return instant().toEpochMilli();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
