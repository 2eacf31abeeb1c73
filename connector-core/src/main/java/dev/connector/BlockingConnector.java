package dev.connector;

import java.util.List;

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

}
