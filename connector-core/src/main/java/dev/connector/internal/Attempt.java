package dev.connector.internal;

import java.util.Map;

import dev.connector.observation.ConnectorObservationContext;
import io.micrometer.observation.Observation;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * One attempt of a call: its number and, when the client is observed, its observation,
 * whose context carries the trace propagation headers the attempt sends. Made per attempt
 * subscription.
 */
final class Attempt {

	private final int number;

	private Observation observation;

	private ConnectorObservationContext context;

	private Flux<DataBuffer> streamedBody;

	private Flux<?> streamedElements;

	private boolean messages;

	Attempt(int number) {
		this.number = number;
	}

	int number() {
		return this.number;
	}

	void observedBy(Observation observation, ConnectorObservationContext context) {
		this.observation = observation;
		this.context = context;
	}

	/**
	 * Return the observation of this attempt.
	 * @return the observation, or {@code null} when the client is not observed
	 */
	Observation observation() {
		return this.observation;
	}

	ConnectorObservationContext context() {
		return this.context;
	}

	/**
	 * Keep the body of a streamed response, which the interceptors see without it.
	 * @param body the body chunks, not yet subscribed
	 * @param messages whether each chunk is one whole message
	 */
	void streamed(Flux<DataBuffer> body, boolean messages) {
		this.streamedBody = body;
		this.messages = messages;
	}

	/**
	 * Return whether each buffer of the streamed body is one whole message.
	 * @return {@code true} for a message-oriented transport's body
	 */
	boolean messages() {
		return this.messages;
	}

	/**
	 * Return the body of a streamed response.
	 * @return the body chunks, or {@code null} when the response was not streamed (an
	 * error status, or an interceptor answered)
	 */
	Flux<DataBuffer> streamedBody() {
		return this.streamedBody;
	}

	/**
	 * Keep the elements of a stream that its exchange decoded itself (an SDK's stream).
	 * @param elements the elements, not yet subscribed
	 */
	void streamedElements(Flux<?> elements) {
		this.streamedElements = elements;
	}

	/**
	 * Return the elements of a stream that its exchange decoded itself.
	 * @return the elements, or {@code null} for a stream of body chunks
	 */
	Flux<?> streamedElements() {
		return this.streamedElements;
	}

	/**
	 * Return the headers a tracing handler asked this attempt to send.
	 * @return the headers, empty when none
	 */
	Map<String, String> propagationHeaders() {
		Map<String, String> carrier = (this.context != null) ? this.context.getCarrier() : null;
		return (carrier != null) ? carrier : Map.of();
	}

}
