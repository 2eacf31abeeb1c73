package dev.connector.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * How the shared {@link DeadlineTimer} is taken, given back and used.
 * <p>
 * Other tests in this JVM may hold a share of the timer while these run, so identity is
 * only compared between acquisitions made here, and a test that needs to give back the
 * last share first checks that it did: {@link DeadlineTimer#acquire()} returns a new
 * timer exactly when nobody held the old one.
 */
class DeadlineTimerTest {

	/** Long enough never to end a passing test; only a hung one waits it out. */
	private static final long PATIENCE_SECONDS = 30;

	@Test
	void acquiringWhileHoldingAShareReturnsTheSameTimer() {
		DeadlineTimer first = DeadlineTimer.acquire();
		DeadlineTimer second = DeadlineTimer.acquire();
		try {
			assertThat(second).isSameAs(first);
		}
		finally {
			second.release();
			first.release();
		}
	}

	@Test
	void acquiringAfterTheLastReleaseStartsANewTimer() {
		DeadlineTimer first = DeadlineTimer.acquire();
		DeadlineTimer second = DeadlineTimer.acquire();
		second.release();
		first.release();
		assumeThat(refusesTasks(first)).as("another test holds the shared timer").isTrue();
		DeadlineTimer next = DeadlineTimer.acquire();
		try {
			assertThat(next).isNotSameAs(first);
			assertThat(refusesTasks(next)).isFalse();
		}
		finally {
			next.release();
		}
	}

	@Test
	void schedulingAfterTheLastReleaseIsRejected() {
		DeadlineTimer released = DeadlineTimer.acquire();
		released.release();
		DeadlineTimer next = DeadlineTimer.acquire();
		try {
			assumeThat(next).as("another test holds the shared timer").isNotSameAs(released);
			assertThatExceptionOfType(RejectedExecutionException.class)
				.isThrownBy(() -> released.schedule(() -> {
				}, 1, TimeUnit.SECONDS));
		}
		finally {
			next.release();
		}
	}

	@Test
	void scheduledTaskRuns() throws InterruptedException {
		DeadlineTimer timer = DeadlineTimer.acquire();
		try {
			CountDownLatch ran = new CountDownLatch(2);
			timer.schedule(ran::countDown);
			timer.schedule(ran::countDown, 20, TimeUnit.MILLISECONDS);
			assertThat(ran.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			timer.release();
		}
	}

	@Test
	void disposedTaskNeverRuns() throws InterruptedException {
		DeadlineTimer timer = DeadlineTimer.acquire();
		try {
			AtomicBoolean ran = new AtomicBoolean();
			Disposable task = timer.schedule(() -> ran.set(true), 20, TimeUnit.MILLISECONDS);
			task.dispose();
			assertThat(markerRuns(timer)).isTrue();
			assertThat(ran).isFalse();
		}
		finally {
			timer.release();
		}
	}

	@Test
	void disposingAWorkerCancelsItsTasks() throws InterruptedException {
		DeadlineTimer timer = DeadlineTimer.acquire();
		try {
			AtomicBoolean ran = new AtomicBoolean();
			Scheduler.Worker worker = timer.createWorker();
			worker.schedule(() -> ran.set(true), 20, TimeUnit.MILLISECONDS);
			worker.dispose();
			assertThat(markerRuns(timer)).isTrue();
			assertThat(ran).isFalse();
		}
		finally {
			timer.release();
		}
	}

	@Test
	void disposedWorkerRejectsTasks() {
		DeadlineTimer timer = DeadlineTimer.acquire();
		try {
			Scheduler.Worker worker = timer.createWorker();
			worker.dispose();
			assertThat(worker.isDisposed()).isTrue();
			assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> worker.schedule(() -> {
			}, 1, TimeUnit.SECONDS));
		}
		finally {
			timer.release();
		}
	}

	@Test
	void lastReleaseFromADeadlineTaskStopsTheTimer() throws Exception {
		// a client closed by code running on the timer's thread, such as a timeout's error handler
		DeadlineTimer timer = DeadlineTimer.acquire();
		CompletableFuture<Void> released = new CompletableFuture<>();
		timer.schedule(() -> {
			try {
				timer.release();
				released.complete(null);
			}
			catch (Throwable ex) {
				released.completeExceptionally(ex);
			}
		});
		released.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
		DeadlineTimer next = DeadlineTimer.acquire();
		try {
			assumeThat(next).as("another test holds the shared timer").isNotSameAs(timer);
			await().atMost(Duration.ofSeconds(PATIENCE_SECONDS)).until(() -> refusesTasks(timer));
		}
		finally {
			next.release();
		}
	}

	/**
	 * Schedule a marker task later than a task of the test and wait for it to run: the
	 * wheel runs tasks in the order of their deadlines, so by then the earlier one would
	 * have run.
	 */
	private static boolean markerRuns(DeadlineTimer timer) throws InterruptedException {
		CountDownLatch marker = new CountDownLatch(1);
		timer.schedule(marker::countDown, 100, TimeUnit.MILLISECONDS);
		return marker.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
	}

	private static boolean refusesTasks(DeadlineTimer timer) {
		try {
			timer.schedule(() -> {
			}, 1, TimeUnit.HOURS).dispose();
			return false;
		}
		catch (RejectedExecutionException ex) {
			return true;
		}
	}

}
