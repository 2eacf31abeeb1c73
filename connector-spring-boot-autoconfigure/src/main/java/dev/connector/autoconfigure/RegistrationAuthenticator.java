package dev.connector.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.auth.ConnectorAuthenticator;
import dev.connector.config.Durations;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Sends the access token of a Spring Security client registration, obtained through a
 * {@link ReactiveOAuth2AuthorizedClientManager} for a principal of the client's own
 * ({@code connector:<client>}). Concurrent calls share one authorization in flight, so
 * that a missing or expired token is fetched once, not once per call. A {@code 401}
 * removes the authorized client from the authorized client service, if the rejected token
 * is still the one stored there, and asks for the attempt to be sent again, which
 * authorizes anew; without a service (an application manager and no service bean) a
 * {@code 401} is final. A failed or slow authorization ({@code auth.oauth2.token-timeout})
 * is an {@link dev.connector.AuthenticationException} naming the client, the registration
 * and its token endpoint.
 */
final class RegistrationAuthenticator implements ConnectorAuthenticator {

	private static final String BEARER = "Bearer ";

	private final String registrationId;

	private final String principal;

	private final URI tokenUri;

	private final Duration timeout;

	private final ReactiveOAuth2AuthorizedClientManager manager;

	private final ReactiveOAuth2AuthorizedClientService service;

	private final AtomicReference<Mono<OAuth2AuthorizedClient>> inFlight = new AtomicReference<>();

	RegistrationAuthenticator(String registrationId, String principal, URI tokenUri, Duration timeout,
			ReactiveOAuth2AuthorizedClientManager manager, ReactiveOAuth2AuthorizedClientService service) {
		this.registrationId = registrationId;
		this.principal = principal;
		this.tokenUri = tokenUri;
		this.timeout = timeout;
		this.manager = manager;
		this.service = service;
	}

	@Override
	public Mono<ConnectorRequest> authenticate(ConnectorRequest request, String client) {
		return authorize()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("the authorized client manager gave no "
					+ "authorized client (does it support the registration's authorization-grant-type?)")))
			.map((authorized) -> request.toBuilder()
				.header(HttpHeaders.AUTHORIZATION, BEARER + authorized.getAccessToken().getTokenValue())
				.build())
			.onErrorMap((error) -> !(error instanceof ConnectorException), (error) -> failure(client, error));
	}

	@Override
	public Mono<Boolean> unauthorized(ConnectorRequest request, ConnectorResponse response, String client) {
		if (this.service == null) {
			return Mono.just(false);
		}
		String sent = request.headers()
			.getOrEmpty(HttpHeaders.AUTHORIZATION)
			.stream()
			.filter((value) -> value.startsWith(BEARER))
			.map((value) -> value.substring(BEARER.length()))
			.findFirst()
			.orElse(null);
		if (sent == null) {
			return Mono.just(false);
		}
		return this.service.<OAuth2AuthorizedClient>loadAuthorizedClient(this.registrationId, this.principal)
			.filter((stored) -> sent.equals(stored.getAccessToken().getTokenValue()))
			.flatMap((stored) -> this.service.removeAuthorizedClient(this.registrationId, this.principal)
				.thenReturn(true))
			// replaced since that request was sent: the retry takes the new one
			.defaultIfEmpty(true);
	}

	/**
	 * Join the authorization in flight, or start one that the calls arriving while it runs
	 * share.
	 */
	private Mono<OAuth2AuthorizedClient> authorize() {
		return Mono.defer(() -> {
			for (;;) {
				Mono<OAuth2AuthorizedClient> current = this.inFlight.get();
				if (current != null) {
					return current;
				}
				AtomicReference<Mono<OAuth2AuthorizedClient>> self = new AtomicReference<>();
				Mono<OAuth2AuthorizedClient> authorization = this.manager
					.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(this.registrationId)
						.principal(this.principal)
						.build())
					.timeout(this.timeout)
					// settled before the outcome goes on: a call that gets a 401 with this token
					// and retries must start a new authorization, not join this finished one
					.doOnEach((signal) -> this.inFlight.compareAndSet(self.get(), null))
					// cancelled before it settled: let the next call start another
					.doOnCancel(() -> this.inFlight.compareAndSet(self.get(), null))
					.cache();
				self.set(authorization);
				if (this.inFlight.compareAndSet(null, authorization)) {
					return authorization;
				}
			}
		});
	}

	private ConnectorException failure(String client, Throwable error) {
		return ConnectorException.builder(client)
			.method(HttpMethod.POST)
			.uri(this.tokenUri)
			.attempts(1)
			.cause(error)
			.authentication("Could not authorize with the Spring Security client registration '"
					+ this.registrationId + "': " + reason(error));
	}

	private String reason(Throwable error) {
		if (error instanceof TimeoutException) {
			return "no answer within auth.oauth2.token-timeout (" + Durations.format(this.timeout) + ")";
		}
		if (error instanceof OAuth2AuthorizationException authorization) {
			OAuth2Error oauth2Error = authorization.getError();
			String description = oauth2Error.getDescription();
			// Spring Security's own description of an unreadable answer may quote the answer
			boolean fromServer = !"invalid_token_response".equals(oauth2Error.getErrorCode());
			return "error=" + oauth2Error.getErrorCode()
					+ ((description != null && fromServer) ? ": " + truncate(description) : "");
		}
		return (error.getMessage() != null) ? truncate(error.getMessage()) : error.getClass().getSimpleName();
	}

	private static String truncate(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 300) + "...";
	}

	@Override
	public String toString() {
		return "RegistrationAuthenticator[registrationId=" + this.registrationId + "]";
	}

}
