package dev.connector;

import reactor.core.publisher.Mono;

/**
 * Middleware around every attempt of a call: adds headers, authenticates, logs, or answers
 * without calling the upstream. Interceptors form an ordered chain; each calls
 * {@link Chain#proceed(ConnectorRequest)} to pass a (possibly changed) request on and may
 * change the response on its way back. Every attempt of a retried call runs the chain again.
 * <p>
 * The chain sees responses of every status; error statuses become exceptions only after
 * the chain, so an interceptor can react to a 401 before it is raised.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ConnectorInterceptor {

	/**
	 * Intercept one attempt.
	 * @param request the request as the previous interceptor passed it on
	 * @param chain the rest of the chain
	 * @return the response
	 */
	Mono<ConnectorResponse> intercept(ConnectorRequest request, Chain chain);

	/**
	 * The rest of an interceptor chain.
	 *
	 * @since 0.1.0
	 */
	interface Chain {

		/**
		 * Return the name of the client making the call.
		 * @return the client name
		 */
		String clientName();

		/**
		 * Pass the request to the next interceptor, or to the transport after the last.
		 * @param request the request to send
		 * @return the response
		 */
		Mono<ConnectorResponse> proceed(ConnectorRequest request);

	}

}
