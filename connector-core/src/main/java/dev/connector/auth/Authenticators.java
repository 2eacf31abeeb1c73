package dev.connector.auth;

import dev.connector.ConfigurationException;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;

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
	 * Return the authenticator a client's settings describe, for the types that need
	 * nothing but the settings: {@code none}, {@code bearer}, {@code basic} and
	 * {@code api-key}.
	 * @param settings the client's settings
	 * @return the authenticator, or {@code null} for {@code none}
	 * @throws ConfigurationException for a type that needs more than the settings
	 * ({@code oauth2-client-credentials}, {@code custom}): build those and pass them to
	 * {@code Connector.Builder#authenticator}
	 */
	public static ConnectorAuthenticator fromSettings(ClientSettings settings) {
		AuthSettings auth = settings.auth();
		return switch (auth.type()) {
			case NONE -> null;
			case BEARER -> bearer(auth.bearer().token());
			case BASIC -> basic(auth.basic().username(), auth.basic().password());
			case API_KEY -> (auth.apiKey().header() != null) ? apiKeyHeader(auth.apiKey().header(), auth.apiKey().value())
					: apiKeyQueryParam(auth.apiKey().queryParam(), auth.apiKey().value());
			case OAUTH2_CLIENT_CREDENTIALS, CUSTOM -> throw new ConfigurationException(settings.name(), "auth.type",
					"'" + auth.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
							+ "' needs an authenticator built for the client, and none was given",
					"Pass one to Connector.Builder#authenticator, or let the Spring Boot starter build it.");
		};
	}

}
