package dev.connector.auth;

import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import reactor.core.publisher.Mono;

/**
 * Adds credentials to every attempt of a client's calls, and may react to a {@code 401}
 * by refreshing them. Configured with {@code auth.type} ({@code bearer}, {@code basic},
 * {@code api-key}, {@code oauth2-client-credentials}, all built on this contract) or, for
 * {@code auth.type: custom}, an application bean of this type.
 * <p>
 * {@link #authenticate} runs for every attempt, so an attempt that follows a refresh
 * carries the new credentials. When an attempt is answered {@code 401},
 * {@link #unauthorized} is asked once; if it answers {@code true} (it refreshed), the
 * attempt is sent once more with fresh credentials, whatever its method: the upstream
 * rejected the request, it did not act on it. A second {@code 401} is the call's
 * {@code AuthenticationException}.
 * <p>
 * One authenticator serves many concurrent calls; it keeps no per-call state in fields.
 * A failure to obtain credentials should be an {@code AuthenticationException} that names
 * the client and where the credentials come from, never the credentials.
 *
 * @since 0.1.0
 */
public interface ConnectorAuthenticator {

	/**
	 * Add credentials to one attempt.
	 * @param request the attempt's request
	 * @param client the name of the client making the call
	 * @return the request with credentials, or an error if none can be obtained
	 */
	Mono<ConnectorRequest> authenticate(ConnectorRequest request, String client);

	/**
	 * React to an attempt answered {@code 401}: refresh the credentials if that may help.
	 * @param request the request as it was sent, credentials included
	 * @param response the {@code 401} response
	 * @param client the name of the client making the call
	 * @return {@code true} to send the attempt once more with fresh credentials; by
	 * default {@code false}
	 */
	default Mono<Boolean> unauthorized(ConnectorRequest request, ConnectorResponse response, String client) {
		return Mono.just(false);
	}

}
