package dev.connector.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

import static dev.connector.config.SettingsChecks.invalid;
import static dev.connector.config.SettingsChecks.notNegative;
import static dev.connector.config.SettingsChecks.positive;

/**
 * How a client authenticates its calls ({@code auth.*}): which {@link Type} and the
 * settings of each type. Only the settings of the chosen type are checked and used; every
 * credential is a {@link Secret}. Credentials are applied to every attempt, so an attempt
 * after a refresh carries the new one.
 *
 * @param type the kind of authentication
 * @param bearer the settings of {@link Type#BEARER}
 * @param basic the settings of {@link Type#BASIC}
 * @param apiKey the settings of {@link Type#API_KEY}
 * @param oauth2 the settings of {@link Type#OAUTH2_CLIENT_CREDENTIALS}
 * @param authenticator the bean name of the {@code ConnectorAuthenticator} of
 * {@link Type#CUSTOM}, or {@code null} for the application's only one
 * @since 0.1.0
 */
public record AuthSettings(Type type, BearerSettings bearer, BasicSettings basic, ApiKeySettings apiKey,
		OAuth2Settings oauth2, String authenticator) {

	/** No authentication. */
	public static final AuthSettings DEFAULTS = new AuthSettings(Type.NONE, BearerSettings.DEFAULTS,
			BasicSettings.DEFAULTS, ApiKeySettings.DEFAULTS, OAuth2Settings.DEFAULTS, null);

	/**
	 * Create auth settings, checking the settings of the chosen type.
	 * @throws dev.connector.ConfigurationException naming the first missing or invalid value
	 */
	public AuthSettings {
		Objects.requireNonNull(type, "type must not be null");
		bearer = (bearer != null) ? bearer : BearerSettings.DEFAULTS;
		basic = (basic != null) ? basic : BasicSettings.DEFAULTS;
		apiKey = (apiKey != null) ? apiKey : ApiKeySettings.DEFAULTS;
		oauth2 = (oauth2 != null) ? oauth2 : OAuth2Settings.DEFAULTS;
		switch (type) {
			case BEARER -> required(bearer.token(), "auth.bearer.token", "the token to send as 'Bearer <token>'");
			case BASIC -> {
				required(basic.username(), "auth.basic.username", "the user name");
				required(basic.password(), "auth.basic.password", "the password");
			}
			case API_KEY -> {
				required(apiKey.value(), "auth.api-key.value", "the key");
				if ((apiKey.header() == null) == (apiKey.queryParam() == null)) {
					throw invalid(null, "auth.api-key.header",
							"an api-key client needs exactly one of auth.api-key.header and auth.api-key.query-param",
							"Set auth.api-key.header to the header that carries the key (such as X-API-Key), or "
									+ "auth.api-key.query-param to the query parameter, not both.");
				}
			}
			case OAUTH2_CLIENT_CREDENTIALS -> {
				if (oauth2.registrationId() == null) {
					required(oauth2.tokenUri(), "auth.oauth2.token-uri", "the token endpoint's URL");
					required(oauth2.clientId(), "auth.oauth2.client-id", "the client id");
					required(oauth2.clientSecret(), "auth.oauth2.client-secret", "the client secret");
				}
			}
			default -> {
			}
		}
	}

	private static void required(Object value, String property, String what) {
		if (value == null) {
			throw invalid(null, property, "is required by auth.type, but is not set",
					"Set " + property + " to " + what + ", or choose another auth.type.");
		}
	}

	/**
	 * Start auth settings from none.
	 * @return a new builder
	 */
	public static Builder builder() {
		return DEFAULTS.toBuilder();
	}

	/**
	 * Return a builder initialised with these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * The kinds of authentication.
	 *
	 * @since 0.1.0
	 */
	public enum Type {

		/** None. */
		NONE,

		/** {@code Authorization: Bearer <token>} with a fixed token. */
		BEARER,

		/** {@code Authorization: Basic}, with a user name and password. */
		BASIC,

		/** A key in a header or a query parameter. */
		API_KEY,

		/**
		 * An OAuth2 access token of the client credentials grant, fetched, cached and
		 * refreshed before it expires.
		 */
		OAUTH2_CLIENT_CREDENTIALS,

		/** A {@code ConnectorAuthenticator} bean of the application's. */
		CUSTOM

	}

	/**
	 * How the client authenticates to an OAuth2 token endpoint.
	 *
	 * @since 0.1.0
	 */
	public enum ClientAuthentication {

		/** HTTP Basic with the client id and secret ({@code client_secret_basic}). */
		BASIC,

		/** The client id and secret in the form body ({@code client_secret_post}). */
		POST

	}

	/**
	 * Bearer token settings.
	 *
	 * @param token the token
	 * @since 0.1.0
	 */
	public record BearerSettings(Secret token) {

		/** None. */
		public static final BearerSettings DEFAULTS = new BearerSettings(null);

	}

	/**
	 * Basic authentication settings.
	 *
	 * @param username the user name
	 * @param password the password
	 * @since 0.1.0
	 */
	public record BasicSettings(String username, Secret password) {

		/** None. */
		public static final BasicSettings DEFAULTS = new BasicSettings(null, null);

	}

	/**
	 * API key settings: the key goes in a header or in a query parameter.
	 *
	 * @param header the header that carries the key, or {@code null}
	 * @param queryParam the query parameter that carries the key, or {@code null}
	 * @param value the key
	 * @since 0.1.0
	 */
	public record ApiKeySettings(String header, String queryParam, Secret value) {

		/** None. */
		public static final ApiKeySettings DEFAULTS = new ApiKeySettings(null, null, null);

	}

	/**
	 * OAuth2 client credentials settings: either a token endpoint of the built-in token
	 * client, or the registration of Spring Security's OAuth2 client to use instead.
	 *
	 * @param tokenUri the token endpoint
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @param scope the scopes to ask for, none for the endpoint's default
	 * @param audience the {@code audience} parameter, or {@code null}
	 * @param refreshSkew how long before its expiry a token is refreshed
	 * @param clientAuthentication how the client authenticates to the token endpoint
	 * @param tokenTimeout the longest a token request may take
	 * @param registrationId a {@code spring.security.oauth2.client.registration} to use
	 * instead of the built-in token client, or {@code null}
	 * @since 0.1.0
	 */
	public record OAuth2Settings(URI tokenUri, String clientId, Secret clientSecret, Set<String> scope,
			String audience, Duration refreshSkew, ClientAuthentication clientAuthentication, Duration tokenTimeout,
			String registrationId) {

		/** The built-in values: 30 s refresh skew, basic client authentication, 5 s token timeout. */
		public static final OAuth2Settings DEFAULTS = new OAuth2Settings(null, null, null, Set.of(), null,
				Duration.ofSeconds(30), ClientAuthentication.BASIC, Duration.ofSeconds(5), null);

		/**
		 * Create OAuth2 settings, checking the durations.
		 * @throws dev.connector.ConfigurationException naming the first invalid value
		 */
		public OAuth2Settings {
			scope = (scope != null) ? Set.copyOf(scope) : Set.of();
			notNegative(null, "auth.oauth2.refresh-skew", refreshSkew);
			Objects.requireNonNull(clientAuthentication, "clientAuthentication must not be null");
			positive(null, "auth.oauth2.token-timeout", tokenTimeout);
		}

	}

	/**
	 * Builds {@link AuthSettings}, one value at a time, so that a client can override one
	 * value of the defaults. Not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private Type type;

		private Secret bearerToken;

		private String basicUsername;

		private Secret basicPassword;

		private String apiKeyHeader;

		private String apiKeyQueryParam;

		private Secret apiKeyValue;

		private URI tokenUri;

		private String clientId;

		private Secret clientSecret;

		private Set<String> scope;

		private String audience;

		private Duration refreshSkew;

		private ClientAuthentication clientAuthentication;

		private Duration tokenTimeout;

		private String registrationId;

		private String authenticator;

		private Builder(AuthSettings settings) {
			this.type = settings.type;
			this.bearerToken = settings.bearer.token();
			this.basicUsername = settings.basic.username();
			this.basicPassword = settings.basic.password();
			this.apiKeyHeader = settings.apiKey.header();
			this.apiKeyQueryParam = settings.apiKey.queryParam();
			this.apiKeyValue = settings.apiKey.value();
			OAuth2Settings oauth2 = settings.oauth2;
			this.tokenUri = oauth2.tokenUri();
			this.clientId = oauth2.clientId();
			this.clientSecret = oauth2.clientSecret();
			this.scope = oauth2.scope();
			this.audience = oauth2.audience();
			this.refreshSkew = oauth2.refreshSkew();
			this.clientAuthentication = oauth2.clientAuthentication();
			this.tokenTimeout = oauth2.tokenTimeout();
			this.registrationId = oauth2.registrationId();
			this.authenticator = settings.authenticator;
		}

		/**
		 * Set the kind of authentication.
		 * @param type the type
		 * @return this builder
		 */
		public Builder type(Type type) {
			this.type = Objects.requireNonNull(type, "type must not be null");
			return this;
		}

		/**
		 * Set the bearer token.
		 * @param token the token
		 * @return this builder
		 */
		public Builder bearerToken(Secret token) {
			this.bearerToken = token;
			return this;
		}

		/**
		 * Set the basic user name.
		 * @param username the user name
		 * @return this builder
		 */
		public Builder basicUsername(String username) {
			this.basicUsername = username;
			return this;
		}

		/**
		 * Set the basic password.
		 * @param password the password
		 * @return this builder
		 */
		public Builder basicPassword(Secret password) {
			this.basicPassword = password;
			return this;
		}

		/**
		 * Send the API key in a header.
		 * @param header the header name
		 * @return this builder
		 */
		public Builder apiKeyHeader(String header) {
			this.apiKeyHeader = header;
			return this;
		}

		/**
		 * Send the API key in a query parameter.
		 * @param queryParam the parameter name
		 * @return this builder
		 */
		public Builder apiKeyQueryParam(String queryParam) {
			this.apiKeyQueryParam = queryParam;
			return this;
		}

		/**
		 * Set the API key.
		 * @param value the key
		 * @return this builder
		 */
		public Builder apiKeyValue(Secret value) {
			this.apiKeyValue = value;
			return this;
		}

		/**
		 * Set the OAuth2 token endpoint.
		 * @param tokenUri the token endpoint
		 * @return this builder
		 */
		public Builder tokenUri(URI tokenUri) {
			this.tokenUri = tokenUri;
			return this;
		}

		/**
		 * Set the OAuth2 client id.
		 * @param clientId the client id
		 * @return this builder
		 */
		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		/**
		 * Set the OAuth2 client secret.
		 * @param clientSecret the secret
		 * @return this builder
		 */
		public Builder clientSecret(Secret clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		/**
		 * Set the OAuth2 scopes.
		 * @param scope the scopes
		 * @return this builder
		 */
		public Builder scope(Collection<String> scope) {
			this.scope = Set.copyOf(scope);
			return this;
		}

		/**
		 * Set the OAuth2 audience.
		 * @param audience the audience
		 * @return this builder
		 */
		public Builder audience(String audience) {
			this.audience = audience;
			return this;
		}

		/**
		 * Set how long before its expiry a token is refreshed.
		 * @param refreshSkew a duration, zero or more
		 * @return this builder
		 */
		public Builder refreshSkew(Duration refreshSkew) {
			this.refreshSkew = refreshSkew;
			return this;
		}

		/**
		 * Set how the client authenticates to the token endpoint.
		 * @param clientAuthentication the method
		 * @return this builder
		 */
		public Builder clientAuthentication(ClientAuthentication clientAuthentication) {
			this.clientAuthentication = clientAuthentication;
			return this;
		}

		/**
		 * Set the longest a token request may take.
		 * @param tokenTimeout a positive duration
		 * @return this builder
		 */
		public Builder tokenTimeout(Duration tokenTimeout) {
			this.tokenTimeout = tokenTimeout;
			return this;
		}

		/**
		 * Use a Spring Security OAuth2 client registration instead of the built-in token
		 * client.
		 * @param registrationId the registration id
		 * @return this builder
		 */
		public Builder registrationId(String registrationId) {
			this.registrationId = registrationId;
			return this;
		}

		/**
		 * Name the bean of a custom authenticator.
		 * @param authenticator the bean name
		 * @return this builder
		 */
		public Builder authenticator(String authenticator) {
			this.authenticator = authenticator;
			return this;
		}

		/**
		 * Check the chosen type's settings and build.
		 * @return the settings
		 * @throws dev.connector.ConfigurationException naming the first missing or invalid
		 * value
		 */
		public AuthSettings build() {
			return new AuthSettings(this.type, new BearerSettings(this.bearerToken),
					new BasicSettings(this.basicUsername, this.basicPassword),
					new ApiKeySettings(this.apiKeyHeader, this.apiKeyQueryParam, this.apiKeyValue),
					new OAuth2Settings(this.tokenUri, this.clientId, this.clientSecret, this.scope, this.audience,
							this.refreshSkew, this.clientAuthentication, this.tokenTimeout, this.registrationId),
					this.authenticator);
		}

	}

}
