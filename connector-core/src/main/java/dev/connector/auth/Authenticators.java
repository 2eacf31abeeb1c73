package dev.connector.auth;

import java.time.Clock;

import dev.connector.ConfigurationException;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The shipped {@link ConnectorAuthenticator authenticators}, and the one a client's
 * {@code auth.*} settings describe.
 *
 * @since 0.1.0
 */
public final class Authenticators {

	private Authenticators() {
	}

	/**
	 * Send {@code Authorization: Bearer <token>}.
	 * @param token the token
	 * @return the authenticator
	 */
	public static ConnectorAuthenticator bearer(Secret token) {
		return StaticAuthenticator.bearer(token);
	}

	/**
	 * Send {@code Authorization: Basic} with a user name and password.
	 * @param username the user name
	 * @param password the password
	 * @return the authenticator
	 */
	public static ConnectorAuthenticator basic(String username, Secret password) {
		return StaticAuthenticator.basic(username, password);
	}

	/**
	 * Send an API key in a header.
	 * @param header the header name
	 * @param key the key
	 * @return the authenticator
	 */
	public static ConnectorAuthenticator apiKeyHeader(String header, Secret key) {
		return StaticAuthenticator.apiKeyHeader(header, key);
	}

	/**
	 * Send an API key in a query parameter.
	 * @param queryParam the parameter name
	 * @param key the key
	 * @return the authenticator
	 */
	public static ConnectorAuthenticator apiKeyQueryParam(String queryParam, Secret key) {
		return StaticAuthenticator.apiKeyQueryParam(queryParam, key);
	}

	/**
	 * Send an OAuth2 access token of the client credentials grant, fetched from the token
	 * endpoint on first use, cached, and refreshed {@code refresh-skew} before it expires
	 * (at most half its lifetime before), with one token request in flight however many
	 * calls need one. A {@code 401} from the upstream drops the token and sends the attempt
	 * once more with a new one. A token request that fails, or takes longer than
	 * {@code token-timeout}, fails the calls waiting for it with an
	 * {@link dev.connector.AuthenticationException} naming the client and the token
	 * endpoint; calls in the following back-off (1 s, doubling with each failure in a row
	 * up to 30 s) fail at once without asking the endpoint, unless the previous token is
	 * still valid.
	 * @param settings the token endpoint, client id and secret, scope, audience, refresh
	 * skew, client authentication and token timeout ({@code registrationId} is ignored)
	 * @param webClient sends the token requests; its codecs must read {@code String}
	 * @return the authenticator, one per client: it holds that client's token
	 * @throws IllegalArgumentException if the token endpoint, client id or secret is missing
	 */
	public static ConnectorAuthenticator clientCredentials(AuthSettings.OAuth2Settings settings, WebClient webClient) {
		return new ClientCredentialsAuthenticator(settings, webClient, Clock.systemUTC());
	}

	/**
	 * Return the authenticator a client's settings describe, for the types that need
	 * nothing but the settings: {@code none}, {@code bearer}, {@code basic},
	 * {@code api-key}, and {@code oauth2-client-credentials} with a token endpoint, whose
	 * token requests go through a plain {@code WebClient} with the client's
	 * {@code connect-timeout}.
	 * @param settings the client's settings
	 * @return the authenticator, or {@code null} for {@code none}
	 * @throws ConfigurationException for a type that needs more than the settings
	 * ({@code custom}, or {@code oauth2-client-credentials} with a
	 * {@code registration-id}): build those and pass them to
	 * {@code Connector.Builder#authenticator}, or let the Spring Boot starter build them
	 */
	public static ConnectorAuthenticator fromSettings(ClientSettings settings) {
		AuthSettings auth = settings.auth();
		return switch (auth.type()) {
			case NONE -> null;
			case BEARER -> bearer(auth.bearer().token());
			case BASIC -> basic(auth.basic().username(), auth.basic().password());
			case API_KEY -> (auth.apiKey().header() != null) ? apiKeyHeader(auth.apiKey().header(), auth.apiKey().value())
					: apiKeyQueryParam(auth.apiKey().queryParam(), auth.apiKey().value());
			case OAUTH2_CLIENT_CREDENTIALS -> {
				if (auth.oauth2().registrationId() != null) {
					throw new ConfigurationException(settings.name(), "auth.oauth2.registration-id",
							"a Spring Security client registration needs the Spring Boot starter and "
									+ "spring-security-oauth2-client, and no authenticator was given",
							"Use the starter with spring-security-oauth2-client, set auth.oauth2.token-uri, "
									+ "client-id and client-secret instead, or pass an authenticator to "
									+ "Connector.Builder#authenticator.");
				}
				yield clientCredentials(auth.oauth2(), defaultWebClient(settings));
			}
			case CUSTOM -> throw new ConfigurationException(settings.name(), "auth.type",
					"'custom' needs an authenticator built for the client, and none was given",
					"Pass one to Connector.Builder#authenticator, or let the Spring Boot starter build it.");
		};
	}

	private static WebClient defaultWebClient(ClientSettings settings) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.connectTimeout().toMillis(),
					Integer.MAX_VALUE));
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
	}

}
