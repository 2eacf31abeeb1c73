package dev.connector;

import java.util.List;
import java.util.stream.Stream;

import dev.connector.batch.BatchOptions;
import dev.connector.batch.BatchResult;

import org.springframework.core.ParameterizedTypeReference;

/**
 * The blocking view of a {@link Connector}, for callers that are not reactive, such as a
 * servlet application. Each method waits for its call, bounded by the call's deadline. Never
 * use it on a reactive (event-loop) thread.
 *
 * @since 0.1.0
 * @see Connector#blocking()
 */
public interface BlockingConnector {

	/**
	 * Make a call and wait for its response.
	 * @param request the request
	 * @return the response, whose status is below 400
	 * @throws ConnectorException (a subtype) if the call fails
	 */
	ConnectorResponse request(ConnectorRequest request);

	/**
	 * Make a call and decode its body.
	 * @param <T> the body type
	 * @param request the request
	 * @param type the body class
	 * @return the body, or {@code null} when the response had none
	 * @throws ConnectorException (a subtype) if the call fails or the body cannot be decoded
	 */
	<T> T request(ConnectorRequest request, Class<T> type);

	/**
	 * Make a call and decode its body into a generic type.
	 * @param <T> the body type
	 * @param request the request
	 * @param type the body type
	 * @return the body, or {@code null} when the response had none
	 * @throws ConnectorException (a subtype) if the call fails or the body cannot be decoded
	 */
	<T> T request(ConnectorRequest request, ParameterizedTypeReference<T> type);

	/**
	 * Make many calls, at most {@code maxConcurrency} at once, and wait for all of them.
	 * @param requests the requests
	 * @param options how the batch runs
	 * @return one result per request, in input order
	 * @throws ConnectorException in fail-fast mode, the first failure
	 * @see Connector#batch(List, BatchOptions)
	 */
	List<BatchResult<ConnectorResponse>> batch(List<ConnectorRequest> requests, BatchOptions options);

	/**
	 * Make a call whose response is a stream, and read its elements as they arrive, as
	 * {@link Connector#stream(ConnectorRequest, Class)} does. The returned stream must be
	 * closed (try-with-resources): closing it cancels the call and closes its connection.
	 * Reading blocks until the next element arrives, bounded by the client's idle timeout.
	 * @param <T> the element type
	 * @param request the request
	 * @param type the element class
	 * @return the elements; a failure is thrown from the read that meets it, as the
	 * {@link ConnectorException} subtype a reactive subscriber would see
	 */
	<T> Stream<T> stream(ConnectorRequest request, Class<T> type);

	/**
	 * Make a call whose response is a stream of a generic element type, such as
	 * {@code ServerSentEvent<Quote>}; otherwise as {@link #stream(ConnectorRequest, Class)}.
	 * @param <T> the element type
	 * @param request the request
	 * @param type the element type
	 * @return the elements; the stream must be closed
	 */
	<T> Stream<T> stream(ConnectorRequest request, ParameterizedTypeReference<T> type);

}
