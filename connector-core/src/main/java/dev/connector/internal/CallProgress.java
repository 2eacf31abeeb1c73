package dev.connector.internal;

import java.net.URI;

import dev.connector.ConnectorRequest;
import dev.connector.observation.ConnectorObservationContext;
import io.micrometer.observation.Observation;

/**
 * What one call (one subscription of it) has done so far: its attempts, the URI it last
 * sent to, and its deadline. Made per subscription, so concurrent calls, and repeated
 * subscriptions of the same call, never share it. Written by the call's attempts, which run
 * one after another; read by the observations and error messages of the call, possibly on
 * another thread.
 */
final class CallProgress {

	private final ConnectorRequest request;

	private final long deadline;

	private volatile int attempts;

	private volatile URI uri;

	private volatile boolean messagesExchanged;

	private Observation observation;

	private ConnectorObservationContext context;

	CallProgress(ConnectorRequest request, long deadline) {
		this.request = request;
		this.deadline = deadline;
	}

	ConnectorRequest request() {
		return this.request;
	}

	/**
	 * Return when the call's overall deadline passes, on the client's scheduler's clock,
	 * in nanoseconds.
	 */
	long deadline() {
		return this.deadline;
	}

	int attempts() {
		return this.attempts;
	}

	/**
	 * Start the next attempt.
	 * @return its number, from 1
	 */
	int startAttempt() {
		// attempts run one after another, so no two threads increment at once
		int next = this.attempts + 1;
		this.attempts = next;
		this.messagesExchanged = false;
		return next;
	}

	/**
	 * Note that the current attempt's handshake completed on a message-oriented transport:
	 * its messages went out, so a failure from now on is not retried.
	 */
	void exchangingMessages() {
		this.messagesExchanged = true;
	}

	/**
	 * Return whether the current attempt's handshake completed on a message-oriented
	 * transport.
	 * @return {@code true} once messages may have been sent
	 */
	boolean messagesExchanged() {
		return this.messagesExchanged;
	}

	/**
	 * Return the URI the call last sent to.
	 * @return the URI, or {@code null} before the first attempt resolved it
	 */
	URI uri() {
		return this.uri;
	}

	void sentTo(URI uri) {
		this.uri = uri;
	}

	/**
	 * Note the call's observation, which carries its first attempt.
	 * @param observation the call's observation
	 * @param context its context
	 */
	void observedBy(Observation observation, ConnectorObservationContext context) {
		this.observation = observation;
		this.context = context;
	}

	/**
	 * Return the call's observation.
	 * @return the observation, or {@code null} when the call is not observed
	 */
	Observation observation() {
		return this.observation;
	}

	ConnectorObservationContext context() {
		return this.context;
	}

}
