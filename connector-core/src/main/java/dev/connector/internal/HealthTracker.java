package dev.connector.internal;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import dev.connector.ClientHealth;
import dev.connector.ConnectorException;
import dev.connector.FailureKind;
import reactor.core.publisher.Signal;

/**
 * Keeps a client's {@link ClientHealth}: written at the end of every call, read by health
 * checks. Lock-free: each update replaces the snapshot whole with a compare-and-set, so
 * concurrent successes and failures never lose each other's writes and readers never see
 * half an update. What counts is the failure's {@link FailureKind}.
 */
final class HealthTracker {

	/** On the happy path the snapshot is rewritten at most once per this many millis. */
	private static final long SUCCESS_WRITE_INTERVAL_MILLIS = 1000;

	private final Clock clock;

	private final AtomicReference<ClientHealth> health = new AtomicReference<>(ClientHealth.UNKNOWN);

	HealthTracker(Clock clock) {
		this.clock = clock;
	}

	ClientHealth health() {
		return this.health.get();
	}

	/**
	 * Record how a call ended, as one operator on the call.
	 * @param signal the call's signal; only a value and an error count
	 */
	void record(Signal<?> signal) {
		if (signal.isOnNext()) {
			reachable();
		}
		else if (signal.isOnError()) {
			failed(signal.getThrowable());
		}
	}

	/**
	 * Record that a call reached the upstream.
	 */
	void reachable() {
		ClientHealth current = this.health.get();
		while (true) {
			if (current.consecutiveFailures() == 0 && current.lastSuccess() != null
					&& this.clock.millis() - current.lastSuccess().toEpochMilli() < SUCCESS_WRITE_INTERVAL_MILLIS) {
				// cheap under load: a recent success needs no new snapshot
				return;
			}
			ClientHealth next = new ClientHealth(0, this.clock.instant(), current.lastFailure());
			ClientHealth witness = this.health.compareAndExchange(current, next);
			if (witness == current) {
				return;
			}
			current = witness;
		}
	}

	/**
	 * Record that a call failed; only failures that say something about the upstream count.
	 * @param error the failure
	 */
	void failed(Throwable error) {
		FailureKind kind = (error instanceof ConnectorException failure) ? failure.kind() : FailureKind.UNKNOWN;
		if (kind.provesReachable()) {
			reachable();
			return;
		}
		if (!kind.isUpstreamFailure()) {
			return;
		}
		ClientHealth.Failure failure = new ClientHealth.Failure(this.clock.instant(), error.getClass().getSimpleName(),
				error.getMessage());
		this.health.updateAndGet((current) -> new ClientHealth(current.consecutiveFailures() + 1,
				current.lastSuccess(), failure));
	}

}
