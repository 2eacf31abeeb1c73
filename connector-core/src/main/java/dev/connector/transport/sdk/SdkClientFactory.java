package dev.connector.transport.sdk;

import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Builds the client of one vendor SDK for a Connector client of transport {@code sdk}, and
 * tells Connector what the SDK's failures and streams mean. In a Spring Boot application
 * every {@code SdkClientFactory} bean is available by its {@link #provider()} to clients
 * configured with {@code transport: sdk} and {@code sdk.provider: <provider>}.
 * <p>
 * The client is built once per Connector client, from its settings: the base URL, the
 * credentials ({@link #apiKey(ClientSettings)}), the connect timeout, and the SDK's own
 * retries switched off, so that the client's {@code retry.*} policy is the only one.
 * Deadlines are Connector's too: leave the SDK's request timeout off or longer than the
 * client's {@code timeout}.
 *
 * @param <C> the SDK's client type, such as {@code OpenAIClientAsync}
 * @since 0.1.0
 * @see SdkCalls
 */
public interface SdkClientFactory<C> {

	/**
	 * Return the name clients select this factory by with {@code sdk.provider}.
	 * @return a short name such as {@code openai}
	 */
	String provider();

	/**
	 * Return the type of the clients this factory builds, which
	 * {@code Connector#sdk(Class)} is asked for.
	 * @return the client type
	 */
	Class<C> clientType();

	/**
	 * Build the SDK client of one Connector client. Called once, when the Connector client
	 * is built; the SDK client must not connect yet.
	 * @param settings the Connector client's resolved settings
	 * @return a new SDK client
	 * @throws dev.connector.ConfigurationException if the settings do not suit the SDK, such
	 * as a missing API key
	 */
	C create(ClientSettings settings);

	/**
	 * Release an SDK client this factory built, when its Connector client closes. The
	 * default does nothing.
	 * @param client the client
	 */
	default void close(C client) {
	}

	/**
	 * Describe a failure of the SDK that reports an HTTP response, so that Connector raises
	 * the exception of its status ({@code AuthenticationException} for 401 and 403,
	 * {@code RateLimitedException} with the Retry-After for 429, {@code ClientErrorException},
	 * {@code ServerErrorException}) and retries it as configured. Failures this method
	 * does not describe are named by their causes: an {@code IOException} is a
	 * {@code TransportException}, a socket timeout a {@code ConnectorTimeoutException}.
	 * @param failure what the SDK raised, already unwrapped from
	 * {@code CompletionException}
	 * @return the response, or {@code null} when the failure is not an error response
	 */
	default SdkErrorResponse errorResponse(Throwable failure) {
		return null;
	}

	/**
	 * Turn what a streaming call of the SDK returned into a publisher of its elements. The
	 * SDK's stream starts when the publisher is subscribed, and is closed when the
	 * subscription is cancelled. The default accepts a {@link Publisher}.
	 * @param response what the SDK's streaming method returned
	 * @return the elements
	 * @throws IllegalArgumentException if this factory cannot stream that type
	 */
	default Flux<?> stream(Object response) {
		if (response instanceof Publisher<?> publisher) {
			return Flux.from(publisher);
		}
		throw new IllegalArgumentException("The " + provider() + " SDK factory cannot stream a "
				+ ((response != null) ? response.getClass().getName() : "null")
				+ "; return a Publisher, or override SdkClientFactory#stream");
	}

	/**
	 * Return the credential an SDK client sends: {@code auth.api-key.value}, or else
	 * {@code auth.bearer.token}. The SDK puts it where its API expects it, so
	 * {@code auth.type} may stay {@code none}.
	 * @param settings the client's settings
	 * @return the key, or {@code null} when neither is set
	 */
	static Secret apiKey(ClientSettings settings) {
		Secret key = settings.auth().apiKey().value();
		return (key != null) ? key : settings.auth().bearer().token();
	}

}
