package dev.connector.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import dev.connector.AuthenticationException;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.config.AuthSettings;
import dev.connector.config.Durations;
import dev.connector.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Decoder;
import org.springframework.core.codec.Hints;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * OAuth2 client credentials (RFC 6749 section 4.4): fetches an access token from the token
 * endpoint on first use, caches it, and sends it as {@code Authorization: Bearer} on every
 * attempt.
 * <p>
 * A token is refreshed once {@code refresh-skew} before it expires (at most half its
 * lifetime before, so that a short-lived token is not fetched on every call); a token
 * without {@code expires_in} is kept until the upstream answers {@code 401}. However many
 * calls need a token at once, one request is in flight: they share it. A {@code 401}
 * drops the token the rejected request carried (unless it was replaced meanwhile) and
 * asks for the attempt to be sent again, which fetches a new one.
 * <p>
 * A failed token request (an error status, an answer that is not a token, a connection
 * failure, or no answer within {@code token-timeout}) fails the calls waiting for it with
 * an {@link AuthenticationException} naming the client and the token endpoint. The next
 * request waits out a back-off: {@value #FIRST_BACKOFF_MILLIS} ms after the first failure,
 * doubling with each failure in a row up to {@value #MAX_BACKOFF_MILLIS} ms; calls in that
 * window fail at once, saying when the next try is, unless the previous token is still
 * valid, which they then use. The first call after the window tries again.
 * <p>
 * State lives in one atomic reference that is swapped whole; no lock is held while a
 * token request is in flight.
 * <p>
 * The answer is read with Spring's default JSON decoder, whichever Jackson it is built on
 * (Jackson 2 on Framework 6; Jackson 3, else Jackson 2, on Framework 7), with its logging
 * suppressed: the answer holds the token.
 */
final class ClientCredentialsAuthenticator implements ConnectorAuthenticator {

	static final long FIRST_BACKOFF_MILLIS = 1000;

	static final long MAX_BACKOFF_MILLIS = 30_000;

	private static final Logger logger = LoggerFactory.getLogger(ClientCredentialsAuthenticator.class);

	private static final int MAX_ERROR_DESCRIPTION = 200;

	private final AuthSettings.OAuth2Settings settings;

	private final WebClient webClient;

	private final Clock clock;

	private static final ResolvableType ANSWER_TYPE = ResolvableType.forClass(Object.class);

	private static final Map<String, Object> NO_LOGGING = Hints.from(Hints.SUPPRESS_LOGGING_HINT, true);

	private final Decoder<?> json = jsonDecoder();

	private final AtomicReference<State> state = new AtomicReference<>(State.INITIAL);

	ClientCredentialsAuthenticator(AuthSettings.OAuth2Settings settings, WebClient webClient, Clock clock) {
		if (settings.tokenUri() == null || settings.clientId() == null || settings.clientSecret() == null) {
			throw new IllegalArgumentException("The client credentials grant needs a token URI, client id and secret");
		}
		this.settings = settings;
		this.webClient = webClient;
		this.clock = clock;
	}

	@Override
	public Mono<ConnectorRequest> authenticate(ConnectorRequest request, String client) {
		return token().map((token) -> request.toBuilder().header(HttpHeaders.AUTHORIZATION, token.header().reveal()).build())
			.onErrorMap(TokenFailure.class, (failure) -> failure.toException(client, this.settings.tokenUri()));
	}

	@Override
	public Mono<Boolean> unauthorized(ConnectorRequest request, ConnectorResponse response, String client) {
		return Mono.fromSupplier(() -> {
			for (;;) {
				State current = this.state.get();
				Token token = current.token();
				if (token == null || !request.headers()
					.getValuesAsList(HttpHeaders.AUTHORIZATION)
					.contains(token.header().reveal())) {
					// replaced since that request was sent (or being replaced): the retry takes the new one
					return true;
				}
				if (this.state.compareAndSet(current, current.withToken(null))) {
					logger.debug("event=oauth2.token.rejected tokenUri={} client={}", this.settings.tokenUri(), client);
					return true;
				}
			}
		});
	}

	/**
	 * Return the token to send: the cached one while it is fresh, else the one request in
	 * flight, joined or started.
	 */
	private Mono<Token> token() {
		return Mono.defer(() -> {
			for (;;) {
				State current = this.state.get();
				Instant now = this.clock.instant();
				Token token = current.token();
				if (token != null && token.fresh(now)) {
					return Mono.just(token);
				}
				if (current.refresh() != null) {
					return orStillValid(current.refresh(), token);
				}
				Backoff backoff = current.backoff();
				if (backoff != null && now.isBefore(backoff.until())) {
					return (token != null && token.valid(now)) ? Mono.just(token)
							: Mono.error(backoff.failFast(Duration.between(now, backoff.until())));
				}
				long generation = current.generation() + 1;
				Mono<Token> refresh = fetch(generation, now).cache();
				if (this.state.compareAndSet(current,
						new State(token, refresh, backoff, generation))) {
					return orStillValid(refresh, token);
				}
			}
		});
	}

	/**
	 * A refresh that fails while the previous token has not expired yet (it was refreshed
	 * early, by the skew) leaves the call with the previous token.
	 */
	private Mono<Token> orStillValid(Mono<Token> refresh, Token previous) {
		if (previous == null) {
			return refresh;
		}
		return refresh.onErrorResume(TokenFailure.class,
				(failure) -> previous.valid(this.clock.instant()) ? Mono.just(previous) : Mono.error(failure));
	}

	/**
	 * Request a token, and record the outcome in the state if it is still the state of
	 * this request.
	 */
	private Mono<Token> fetch(long generation, Instant started) {
		return request(started).timeout(this.settings.tokenTimeout())
			.onErrorMap((error) -> !(error instanceof TokenFailure), this::failure)
			.doOnNext((token) -> settle(generation, (current) -> new State(token, null, null, generation)))
			.doOnError((error) -> {
				TokenFailure failure = (TokenFailure) error;
				settle(generation, (current) -> {
					int failures = (current.backoff() != null) ? current.backoff().failures() + 1 : 1;
					Backoff backoff = new Backoff(failures, this.clock.instant().plusMillis(backoffMillis(failures)),
							failure);
					logger.warn("event=oauth2.token.failed tokenUri={} failures={} nextTryIn={} reason=\"{}\"",
							this.settings.tokenUri(), failures, Durations.format(Duration.ofMillis(backoffMillis(failures))),
							failure.reason());
					return new State(current.token(), null, backoff, generation);
				});
			})
			// cancelled before it settled: let the next call start another
			.doOnCancel(() -> settle(generation, (current) -> current.withRefresh(null)));
	}

	private void settle(long generation, UnaryOperator<State> next) {
		this.state.updateAndGet((current) -> (current.generation() == generation && current.refresh() != null)
				? next.apply(current) : current);
	}

	static long backoffMillis(int failures) {
		int doublings = Math.min(failures - 1, 15);
		return Math.min(FIRST_BACKOFF_MILLIS << doublings, MAX_BACKOFF_MILLIS);
	}

	private Mono<Token> request(Instant started) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		if (!this.settings.scope().isEmpty()) {
			form.add("scope", String.join(" ", this.settings.scope().stream().sorted().toList()));
		}
		if (this.settings.audience() != null) {
			form.add("audience", this.settings.audience());
		}
		boolean basic = this.settings.clientAuthentication() == AuthSettings.ClientAuthentication.BASIC;
		if (!basic) {
			form.add("client_id", this.settings.clientId());
			form.add("client_secret", this.settings.clientSecret().reveal());
		}
		return this.webClient.post()
			.uri(this.settings.tokenUri())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				if (basic) {
					// RFC 6749 section 2.3.1: form-encoded before Basic
					headers.setBasicAuth(formEncode(this.settings.clientId()),
							formEncode(this.settings.clientSecret().reveal()));
				}
			})
			.body(BodyInserters.fromFormData(form))
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.handle((body, sink) -> {
					try {
						sink.next(token(response, body, started));
					}
					catch (TokenFailure failure) {
						sink.error(failure);
					}
				}));
	}

	/**
	 * The JSON decoder of Spring's default client codecs.
	 */
	private static Decoder<?> jsonDecoder() {
		return ClientCodecConfigurer.create()
			.getReaders()
			.stream()
			.filter(DecoderHttpMessageReader.class::isInstance)
			.map((reader) -> ((DecoderHttpMessageReader<?>) reader).getDecoder())
			.filter((decoder) -> decoder.canDecode(ANSWER_TYPE, MediaType.APPLICATION_JSON))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"The client credentials grant reads the token endpoint's JSON answer, and Spring finds no JSON"
							+ " decoder: add Jackson (tools.jackson.core:jackson-databind or"
							+ " com.fasterxml.jackson.core:jackson-databind)"));
	}

	/**
	 * Decode a JSON answer.
	 * @return the JSON value (a {@code Map} for an object), or {@code null} for an empty body
	 * @throws RuntimeException if the body is not JSON; its message may quote the body
	 */
	private Object decode(String body) {
		if (body.isBlank()) {
			return null;
		}
		return this.json.decode(DefaultDataBufferFactory.sharedInstance.wrap(body.getBytes(StandardCharsets.UTF_8)),
				ANSWER_TYPE, MediaType.APPLICATION_JSON, NO_LOGGING);
	}

	private static String formEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private Token token(ClientResponse response, String body, Instant started) {
		int status = response.statusCode().value();
		if (!response.statusCode().is2xxSuccessful()) {
			throw new TokenFailure("Token endpoint answered " + status + oauthError(body), null);
		}
		Map<?, ?> answer;
		try {
			answer = (decode(body) instanceof Map<?, ?> map) ? map : Map.of();
		}
		catch (RuntimeException ex) {
			// the decoder's message may quote the body, which may hold a token: type only
			throw new TokenFailure("Token endpoint's answer is not JSON (" + rootType(ex) + ")", null);
		}
		Object accessToken = answer.get("access_token");
		if (!(accessToken instanceof String value) || value.isEmpty()) {
			throw new TokenFailure("Token endpoint's answer has no access_token", null);
		}
		Object tokenType = answer.get("token_type");
		if (tokenType != null && !"bearer".equalsIgnoreCase(tokenType.toString())) {
			throw new TokenFailure("Token endpoint's answer has token_type '" + truncate(tokenType.toString())
					+ "'; only Bearer tokens are supported", null);
		}
		long lifetime = seconds(answer.get("expires_in"));
		Instant expiresAt = (lifetime > 0) ? started.plusSeconds(lifetime) : null;
		Instant refreshAt = null;
		if (expiresAt != null) {
			Duration skew = this.settings.refreshSkew();
			Duration half = Duration.ofSeconds(lifetime).dividedBy(2);
			refreshAt = expiresAt.minus((skew.compareTo(half) > 0) ? half : skew);
		}
		logger.debug("event=oauth2.token.fetched tokenUri={} expiresIn={}", this.settings.tokenUri(),
				(lifetime > 0) ? lifetime + "s" : "(not said)");
		return new Token(Secret.of("Bearer " + value), refreshAt, expiresAt);
	}

	/**
	 * The {@code expires_in} of an answer, a number or a numeric string; {@code 0} for
	 * anything else.
	 */
	private static long seconds(Object expiresIn) {
		if (expiresIn instanceof Number number) {
			return number.longValue();
		}
		if (expiresIn instanceof String text) {
			try {
				return Long.parseLong(text.trim());
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}
		return 0;
	}

	private static String rootType(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

	/**
	 * The error code and description of an OAuth2 error answer (RFC 6749 section 5.2),
	 * and nothing else of the body.
	 */
	private String oauthError(String body) {
		Object answer;
		try {
			answer = decode(body);
		}
		catch (RuntimeException ex) {
			return "";
		}
		if (!(answer instanceof Map<?, ?> map) || !(map.get("error") instanceof String error)) {
			return "";
		}
		return " (error=" + truncate(error)
				+ ((map.get("error_description") instanceof String description) ? ": " + truncate(description) : "")
				+ ")";
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_ERROR_DESCRIPTION) ? text : text.substring(0, MAX_ERROR_DESCRIPTION) + "...";
	}

	private TokenFailure failure(Throwable error) {
		if (error instanceof TimeoutException) {
			return new TokenFailure("Token endpoint did not answer within auth.oauth2.token-timeout ("
					+ Durations.format(this.settings.tokenTimeout()) + ")", error);
		}
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return new TokenFailure("Token request failed: " + message, error);
	}

	@Override
	public String toString() {
		return "ClientCredentialsAuthenticator[tokenUri=" + this.settings.tokenUri() + ", clientId="
				+ this.settings.clientId() + "]";
	}

	/**
	 * A token and when to refresh it; {@code null} times for a token that does not say
	 * when it expires.
	 */
	private record Token(Secret header, Instant refreshAt, Instant expiresAt) {

		boolean fresh(Instant now) {
			return this.refreshAt == null || now.isBefore(this.refreshAt);
		}

		boolean valid(Instant now) {
			return this.expiresAt == null || now.isBefore(this.expiresAt);
		}

	}

	/**
	 * Failures in a row, until when the next request waits, and the last failure.
	 */
	private record Backoff(int failures, Instant until, TokenFailure last) {

		TokenFailure failFast(Duration remaining) {
			return new TokenFailure("Token endpoint failed " + this.failures + ((this.failures == 1) ? " time" : " times")
					+ " in a row (last: " + this.last.reason() + "); the next token request is in "
					+ Durations.format(remaining.isNegative() ? Duration.ZERO : remaining), this.last.getCause(), false);
		}

	}

	/**
	 * Everything the authenticator knows, swapped whole: the token, the request in flight,
	 * the back-off, and the number of the latest request, so that a request settles the
	 * state only while it is still the latest.
	 */
	private record State(Token token, Mono<Token> refresh, Backoff backoff, long generation) {

		static final State INITIAL = new State(null, null, null, 0);

		State withToken(Token token) {
			return new State(token, this.refresh, this.backoff, this.generation);
		}

		State withRefresh(Mono<Token> refresh) {
			return new State(this.token, refresh, this.backoff, this.generation);
		}

	}

	/**
	 * Why a token request failed, shared by the calls waiting for it; each call turns it
	 * into its own {@link AuthenticationException}. No stack trace: it is a value.
	 */
	private static final class TokenFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final boolean requested;

		TokenFailure(String reason, Throwable cause) {
			this(reason, cause, true);
		}

		TokenFailure(String reason, Throwable cause, boolean requested) {
			super(reason, cause, false, false);
			this.requested = requested;
		}

		String reason() {
			return getMessage();
		}

		AuthenticationException toException(String client, URI tokenUri) {
			return ConnectorException.builder(client)
				.method(HttpMethod.POST)
				.uri(tokenUri)
				.attempts(this.requested ? 1 : 0)
				.cause(getCause())
				.authentication("Could not get an OAuth2 access token: " + reason());
		}

	}

}
