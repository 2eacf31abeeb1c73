package dev.connector.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.connector.ClientHealth;
import dev.connector.ConnectorException;
import dev.connector.FailureKind;
import dev.connector.RejectedCallException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health tracking: what counts, and no update lost when calls end at the same time.
 */
class HealthTrackerTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

	private static ConnectorException.Builder call() {
		return ConnectorException.builder("payments");
	}

	@Test
	void upstreamFailuresCountUpAndAReachableCallResetsThem() {
		HealthTracker tracker = new HealthTracker(CLOCK);
		tracker.failed(call().transport("refused", true));
		tracker.failed(call().timeout("late", null));
		tracker.failed(call().response(503, new HttpHeaders(), "", null));
		assertThat(tracker.health().consecutiveFailures()).isEqualTo(3);
		assertThat(tracker.health().lastFailure().type()).isEqualTo("ServerErrorException");
		tracker.failed(call().response(404, new HttpHeaders(), "", null));
		assertThat(tracker.health().consecutiveFailures()).isZero();
		assertThat(tracker.health().lastSuccess()).isEqualTo(CLOCK.instant());
	}

	@Test
	void aDecodeFailureProvesTheUpstreamReachable() {
		HealthTracker tracker = new HealthTracker(CLOCK);
		tracker.failed(call().transport("refused", true));
		tracker.failed(call().decode("bad json"));
		assertThat(tracker.health().consecutiveFailures()).isZero();
	}

	@Test
	void failuresThatSayNothingOfTheUpstreamAreIgnored() {
		HealthTracker tracker = new HealthTracker(CLOCK);
		tracker.failed(call().rejected(RejectedCallException.Guard.BULKHEAD, "full"));
		tracker.failed(call().failure("no codec", FailureKind.CONFIGURATION));
		tracker.failed(new IllegalStateException("not ours"));
		assertThat(tracker.health()).isEqualTo(ClientHealth.UNKNOWN);
	}

	@Test
	void aFailureRecordedWhileASuccessIsBeingRecordedIsNotLost() throws Exception {
		CountDownLatch successReading = new CountDownLatch(1);
		CountDownLatch failureRecorded = new CountDownLatch(1);
		HoldingClock clock = new HoldingClock(null, successReading, failureRecorded);
		HealthTracker tracker = new HealthTracker(clock);
		Thread success = new Thread(tracker::reachable, "success");
		clock.holding = success;
		success.start();
		// the success has read the snapshot and is building its replacement
		assertThat(successReading.await(5, TimeUnit.SECONDS)).isTrue();
		tracker.failed(call().transport("reset", false));
		failureRecorded.countDown();
		success.join(5000);
		ClientHealth health = tracker.health();
		assertThat(health.lastFailure()).as("the failure recorded meanwhile").isNotNull();
		assertThat(health.lastSuccess()).isNotNull();
	}

	@Test
	void concurrentFailuresAreAllCounted() throws Exception {
		HealthTracker tracker = new HealthTracker(CLOCK);
		List<Thread> threads = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		for (int t = 0; t < 4; t++) {
			threads.add(new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				for (int i = 0; i < 10_000; i++) {
					tracker.failed(call().transport("reset", false));
				}
			}));
		}
		threads.forEach(Thread::start);
		start.countDown();
		for (Thread thread : threads) {
			thread.join(30_000);
		}
		assertThat(tracker.health().consecutiveFailures()).isEqualTo(40_000);
	}

	/**
	 * A clock that, the first time the holding thread asks for the time, tells the test it
	 * is there and waits until the test lets it go on.
	 */
	private static final class HoldingClock extends Clock {

		private final CountDownLatch reading;

		private final CountDownLatch release;

		volatile Thread holding;

		private volatile boolean held;

		HoldingClock(Thread holding, CountDownLatch reading, CountDownLatch release) {
			this.holding = holding;
			this.reading = reading;
			this.release = release;
		}

		@Override
		public Instant instant() {
			if (Thread.currentThread() == this.holding && !this.held) {
				this.held = true;
				this.reading.countDown();
				try {
					this.release.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return CLOCK.instant();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
