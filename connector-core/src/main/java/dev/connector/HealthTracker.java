package dev.connector;

import java.time.Clock;

import reactor.core.publisher.Signal;

/**
 * Keeps a client's {@link ClientHealth}: written at the end of every call, read by health
 * checks. Lock-free; the snapshot is replaced whole so readers never see half an update.
 */
final class HealthTracker {

	private final Clock clock;

	private volatile ClientHealth health = ClientHealth.UNKNOWN;

	HealthTracker(Clock clock) {
		this.clock = clock;
	}

	ClientHealth health() {
		return this.health;
	}

	void record(Signal<ConnectorResponse> signal) {
		if (signal.isOnNext()) {
			reachable();
		}
		else if (signal.isOnError()) {
			Throwable error = signal.getThrowable();
			if (error instanceof TransportException || error instanceof ConnectorTimeoutException
					|| error instanceof ServerErrorException) {
				failed(error);
			}
			else if (error instanceof ResponseException || error instanceof DecodeException) {
				reachable();
			}
		}
	}

	private void reachable() {
		ClientHealth current = this.health;
		if (current.consecutiveFailures() == 0 && current.lastSuccess() != null
				&& this.clock.millis() - current.lastSuccess().toEpochMilli() < 1000) {
			// at most one write a second on the happy path: cheap under load
			return;
		}
		this.health = new ClientHealth(0, this.clock.instant(), current.lastFailure());
	}

	private synchronized void failed(Throwable error) {
		ClientHealth current = this.health;
		this.health = new ClientHealth(current.consecutiveFailures() + 1, current.lastSuccess(),
				new ClientHealth.Failure(this.clock.instant(), error.getClass().getSimpleName(), error.getMessage()));
	}

}
