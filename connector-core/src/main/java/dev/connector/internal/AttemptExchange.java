package dev.connector.internal;

import dev.connector.ConnectorResponse;
import reactor.core.publisher.Mono;

/**
 * The end of one attempt of a call or a stream, when it is not the interceptor chain
 * ending in the client's transport: a vendor SDK's call, for the {@code sdk} transport.
 * Retry, deadlines, guards, observation and health wrap it as they wrap the chain.
 */
@FunctionalInterface
interface AttemptExchange {

	/**
	 * Make one attempt; called on subscription, once per attempt. For a stream, the
	 * response is emitted with the elements kept by {@link Attempt#streamedElements()}.
	 * @param attempt the attempt
	 * @param progress the call's progress
	 * @return the response, or a connector exception
	 */
	Mono<ConnectorResponse> exchange(Attempt attempt, CallProgress progress);

}
