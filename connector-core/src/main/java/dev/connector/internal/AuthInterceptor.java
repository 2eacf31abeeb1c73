package dev.connector.internal;

import dev.connector.ConnectorInterceptor;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.auth.ConnectorAuthenticator;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

/**
 * Applies the client's authenticator to every attempt, after the application's
 * interceptors and before logging (which masks what it added). On a {@code 401} it asks
 * the authenticator once whether it refreshed; if so, it sends the attempt once more with
 * fresh credentials (the rejected response is already read, so holds no connection).
 */
final class AuthInterceptor implements ConnectorInterceptor {

	private final ConnectorAuthenticator authenticator;

	AuthInterceptor(ConnectorAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	public Mono<ConnectorResponse> intercept(ConnectorRequest request, Chain chain) {
		String client = chain.clientName();
		return send(request, chain).flatMap((sent) -> {
			if (sent.response().status() != HttpStatus.UNAUTHORIZED.value()) {
				return Mono.just(sent.response());
			}
			return this.authenticator.unauthorized(sent.request(), sent.response(), client)
				.defaultIfEmpty(false)
				.flatMap((refreshed) -> refreshed ? send(request, chain).map(Sent::response)
						: Mono.just(sent.response()));
		});
	}

	private Mono<Sent> send(ConnectorRequest request, Chain chain) {
		return this.authenticator.authenticate(request, chain.clientName())
			.flatMap((authenticated) -> chain.proceed(authenticated)
				.map((response) -> new Sent(authenticated, response)));
	}

	private record Sent(ConnectorRequest request, ConnectorResponse response) {

	}

}
