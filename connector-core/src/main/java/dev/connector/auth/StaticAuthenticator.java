package dev.connector.auth;

import java.nio.charset.StandardCharsets;

import dev.connector.ConnectorRequest;
import dev.connector.config.Secret;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

/**
 * Credentials that do not change: a bearer token, a user name and password, or an API key
 * in a header or a query parameter. A {@code 401} is final: there is nothing to refresh.
 */
final class StaticAuthenticator implements ConnectorAuthenticator {

	private final String description;

	private final String header;

	private final String queryParam;

	private final Secret value;

	private StaticAuthenticator(String description, String header, String queryParam, Secret value) {
		this.description = description;
		this.header = header;
		this.queryParam = queryParam;
		this.value = value;
	}

	static StaticAuthenticator bearer(Secret token) {
		return new StaticAuthenticator("bearer", HttpHeaders.AUTHORIZATION, null,
				Secret.of("Bearer " + token.reveal()));
	}

	static StaticAuthenticator basic(String username, Secret password) {
		return new StaticAuthenticator("basic", HttpHeaders.AUTHORIZATION, null,
				Secret.of("Basic " + HttpHeaders.encodeBasicAuth(username, password.reveal(), StandardCharsets.UTF_8)));
	}

	static StaticAuthenticator apiKeyHeader(String header, Secret key) {
		return new StaticAuthenticator("api-key header " + header, header, null, key);
	}

	static StaticAuthenticator apiKeyQueryParam(String queryParam, Secret key) {
		return new StaticAuthenticator("api-key query parameter " + queryParam, null, queryParam, key);
	}

	@Override
	public Mono<ConnectorRequest> authenticate(ConnectorRequest request, String client) {
		ConnectorRequest.Builder authenticated = request.toBuilder();
		if (this.header != null) {
			authenticated.header(this.header, this.value.reveal());
		}
		else {
			authenticated.query(this.queryParam, this.value.reveal());
		}
		return Mono.just(authenticated.build());
	}

	@Override
	public String toString() {
		return "StaticAuthenticator[" + this.description + "]";
	}

}
