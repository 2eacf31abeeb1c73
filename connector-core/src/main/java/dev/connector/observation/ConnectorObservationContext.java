package dev.connector.observation;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import io.micrometer.observation.transport.RequestReplySenderContext;


/**
 * What an observation of a call, or of one attempt of it, knows: the client, the request,
 * and once it is over the response or the error. The context is also the carrier of trace
 * propagation: headers a tracing handler injects into its carrier map (such as W3C
 * {@code traceparent}) are sent with the attempt it observes: a call's context with the
 * call's first attempt, which the call's observation carries, an attempt's context with that
 * retry.
 *
 * @since 0.1.0
 * @see ConnectorObservationConvention
 */
public class ConnectorObservationContext extends RequestReplySenderContext<Map<String, String>, ConnectorResponse> {

	private final Type type;

	private final String clientName;

	private final String transport;

	private final ConnectorRequest request;

	private URI uri;

	private int attempt;

	private boolean cancelled;

	private long elements;

	private Duration timeToFirstElement;

	/**
	 * Create a context.
	 * @param type whether this observes a whole call or one attempt
	 * @param clientName the client's name
	 * @param transport the client's transport type
	 * @param request the request
	 */
	public ConnectorObservationContext(Type type, String clientName, String transport, ConnectorRequest request) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		this.type = type;
		this.clientName = clientName;
		this.transport = transport;
		this.request = request;
		// a call's context carries its first attempt's headers; a plain map, empty until a
		// tracing handler injects a header
		setCarrier(new LinkedHashMap<>());
	}

	/**
	 * Return whether this observes a whole call or one attempt.
	 * @return the type
	 */
	public Type getType() {
		return this.type;
	}

	/**
	 * Return the client's name.
	 * @return the name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Return the client's transport type.
	 * @return the type, such as {@code http}
	 */
	public String getTransport() {
		return this.transport;
	}

	/**
	 * Return the request.
	 * @return the request
	 */
	public ConnectorRequest getRequest() {
		return this.request;
	}

	/**
	 * Return the resolved URI.
	 * @return the URI, or {@code null} before it was resolved
	 */
	public URI getUri() {
		return this.uri;
	}

	/**
	 * Set the resolved URI.
	 * @param uri the URI
	 */
	public void setUri(URI uri) {
		this.uri = uri;
	}

	/**
	 * Return, for an attempt, its number; for a call, the attempts it made.
	 * @return the attempt number or count, from 1
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Set the attempt number (attempt) or count (call).
	 * @param attempt the number
	 */
	public void setAttempt(int attempt) {
		this.attempt = attempt;
	}

	/**
	 * Return whether the subscriber cancelled before the outcome was known.
	 * @return {@code true} if cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Mark the call or attempt cancelled.
	 */
	public void setCancelled() {
		this.cancelled = true;
	}

	/**
	 * Return, for a stream, how many elements it delivered.
	 * @return the elements, 0 for a call or attempt
	 */
	public long getElements() {
		return this.elements;
	}

	/**
	 * Set how many elements a stream delivered.
	 * @param elements the count
	 */
	public void setElements(long elements) {
		this.elements = elements;
	}

	/**
	 * Return, for a stream, the time from subscription to its first element.
	 * @return the time, or {@code null} if no element arrived
	 */
	public Duration getTimeToFirstElement() {
		return this.timeToFirstElement;
	}

	/**
	 * Set the time from subscription to a stream's first element.
	 * @param timeToFirstElement the time
	 */
	public void setTimeToFirstElement(Duration timeToFirstElement) {
		this.timeToFirstElement = timeToFirstElement;
	}

	/**
	 * What an observation covers.
	 *
	 * @since 0.1.0
	 */
	public enum Type {

		/** The whole call, every attempt and wait included. */
		CALL,

		/** One attempt. */
		ATTEMPT,

		/** A stream, reconnects included, until it completes, fails or is cancelled. */
		STREAM

	}

}
