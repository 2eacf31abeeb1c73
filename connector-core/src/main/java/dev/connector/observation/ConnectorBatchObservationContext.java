package dev.connector.observation;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.Observation;

/**
 * What the observation of a batch knows: the client, the options, and as the batch runs
 * the number of requests and failures.
 *
 * @since 0.1.0
 */
public class ConnectorBatchObservationContext extends Observation.Context {

	private final String clientName;

	private final boolean failFast;

	private final AtomicLong size = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean cancelled;

	/**
	 * Create a context.
	 * @param clientName the client's name
	 * @param failFast whether the batch is fail-fast
	 */
	public ConnectorBatchObservationContext(String clientName, boolean failFast) {
		this.clientName = clientName;
		this.failFast = failFast;
	}

	/**
	 * Return the client's name.
	 * @return the name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Return whether the batch is fail-fast.
	 * @return {@code true} if fail-fast
	 */
	public boolean isFailFast() {
		return this.failFast;
	}

	/**
	 * Return the number of requests that yielded a result so far.
	 * @return the count
	 */
	public long getSize() {
		return this.size.get();
	}

	/**
	 * Return the number of failed requests so far.
	 * @return the count
	 */
	public long getFailures() {
		return this.failures.get();
	}

	/**
	 * Record one result.
	 * @param success whether it was a success
	 */
	public void recordResult(boolean success) {
		this.size.incrementAndGet();
		if (!success) {
			this.failures.incrementAndGet();
		}
	}

	/**
	 * Return whether the subscriber cancelled the batch.
	 * @return {@code true} if cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Mark the batch cancelled.
	 */
	public void setCancelled() {
		this.cancelled = true;
	}

}
