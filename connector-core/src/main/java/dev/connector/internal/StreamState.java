package dev.connector.internal;

import java.time.Duration;

import dev.connector.observation.ConnectorObservationContext;
import io.micrometer.observation.Observation;

/**
 * What one stream (one subscription of it) has delivered: elements in all and on the
 * current connection, when the first arrived, and for Server-Sent Events the last event id
 * and the reconnect delay the server asked for. Written on the stream's serialized signals;
 * read by its observation and its reconnects.
 */
final class StreamState {

	private final long started;

	private volatile long elements;

	private volatile long elementsOnConnection;

	private volatile long firstElementAt = -1;

	private volatile String lastEventId;

	private volatile Duration serverRetry;

	private Observation observation;

	private ConnectorObservationContext context;

	StreamState(long started) {
		this.started = started;
	}

	/**
	 * Note the stream's observation, which its connections send trace headers for.
	 */
	void observedBy(Observation observation, ConnectorObservationContext context) {
		this.observation = observation;
		this.context = context;
	}

	Observation observation() {
		return this.observation;
	}

	ConnectorObservationContext context() {
		return this.context;
	}

	void delivered(long now) {
		if (this.firstElementAt < 0) {
			this.firstElementAt = now;
		}
		this.elements++;
		this.elementsOnConnection++;
	}

	void connecting() {
		this.elementsOnConnection = 0;
	}

	long elements() {
		return this.elements;
	}

	long elementsOnConnection() {
		return this.elementsOnConnection;
	}

	/**
	 * Return the time from subscription to the first element.
	 * @return the time, or {@code null} before the first element
	 */
	Duration timeToFirstElement() {
		long first = this.firstElementAt;
		return (first < 0) ? null : Duration.ofNanos(first - this.started);
	}

	void event(String id, Duration retry) {
		if (id != null) {
			this.lastEventId = id;
		}
		if (retry != null) {
			this.serverRetry = retry;
		}
	}

	String lastEventId() {
		return this.lastEventId;
	}

	Duration serverRetry() {
		return this.serverRetry;
	}

}
