package dev.connector.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

/**
 * An OAuth2 token endpoint on loopback for tests ({@code POST /token}), issuing
 * {@code token-1}, {@code token-2}, ... and remembering when each expires, together with
 * the {@link #protectedResource() handler of an upstream} that accepts only those tokens
 * while they are valid, checked on the server's clock: an upstream of a real OAuth2 setup,
 * so that a test proves what a user relies on (no call sent with an expired token) and not
 * what the client believes.
 * <p>
 * Every token request is {@link #tokenRequests() recorded}. What the endpoint does is set
 * per test: answer after a {@link #delay(Duration) delay}, with an
 * {@link #expiresIn(Long) expires_in} or none, fail with a {@link #failWith(int) status},
 * or {@link #hang() never answer}.
 */
public final class TokenServer implements AutoCloseable {

	private final LoopbackServer server;

	private final AtomicInteger issued = new AtomicInteger();

	private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

	private final List<String> rejected = new CopyOnWriteArrayList<>();

	private volatile Duration delay = Duration.ZERO;

	private volatile Long expiresIn = 3600L;

	private volatile int failStatus;

	private volatile String failBody = "{\"error\":\"server_error\",\"error_description\":\"try later\"}";

	private volatile boolean hang;

	private TokenServer() {
		this.server = LoopbackServer.start((request, response) -> {
			if (this.hang) {
				return Mono.never();
			}
			if (this.failStatus != 0) {
				return response.status(this.failStatus)
					.header("Content-Type", "application/json")
					.sendString(Mono.just(this.failBody));
			}
			String body = issue();
			Mono<String> answer = Mono.just(body);
			return response.header("Content-Type", "application/json")
				.sendString(this.delay.isZero() ? answer : answer.delayElement(this.delay));
		});
	}

	/**
	 * Start a token endpoint that issues tokens valid for an hour.
	 * @return the running endpoint
	 */
	public static TokenServer start() {
		return new TokenServer();
	}

	private String issue() {
		String token = "token-" + this.issued.incrementAndGet();
		Long lifetime = this.expiresIn;
		this.expiries.put(token, (lifetime != null) ? Instant.now().plusSeconds(lifetime) : Instant.MAX);
		return "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\""
				+ ((lifetime != null) ? ",\"expires_in\":" + lifetime : "") + "}";
	}

	/**
	 * Return the token endpoint's URL.
	 * @return such as {@code http://127.0.0.1:12345/token}
	 */
	public String tokenUri() {
		return this.server.baseUrl() + "/token";
	}

	/**
	 * Return the token requests received so far, including those not answered yet.
	 * @return the requests
	 */
	public List<LoopbackServer.RecordedRequest> tokenRequests() {
		return this.server.requests();
	}

	/**
	 * Answer token requests only after this delay, so that concurrent calls meet one
	 * request in flight.
	 * @param delay the delay
	 * @return this endpoint
	 */
	public TokenServer delay(Duration delay) {
		this.delay = delay;
		return this;
	}

	/**
	 * Issue tokens that expire after so many seconds.
	 * @param seconds the lifetime, or {@code null} to leave {@code expires_in} out (the
	 * token is then valid until {@link #revoke revoked})
	 * @return this endpoint
	 */
	public TokenServer expiresIn(Long seconds) {
		this.expiresIn = seconds;
		return this;
	}

	/**
	 * Answer every token request with this status and an OAuth2 error body.
	 * @param status the status, or {@code 0} to issue tokens again
	 * @return this endpoint
	 */
	public TokenServer failWith(int status) {
		this.failStatus = status;
		return this;
	}

	/**
	 * Answer every token request with this status and body.
	 * @param status the status
	 * @param body the body
	 * @return this endpoint
	 */
	public TokenServer failWith(int status, String body) {
		this.failBody = body;
		this.failStatus = status;
		return this;
	}

	/**
	 * Never answer token requests.
	 * @return this endpoint
	 */
	public TokenServer hang() {
		this.hang = true;
		return this;
	}

	/**
	 * Make the upstream reject a token from now on, as a server that revoked it does.
	 * @param token the token, such as {@code token-1}
	 */
	public void revoke(String token) {
		this.expiries.put(token, Instant.MIN);
	}

	/**
	 * Return the {@code Authorization} values the upstream rejected with {@code 401}.
	 * @return the rejected values, in order
	 */
	public List<String> rejected() {
		return this.rejected;
	}

	/**
	 * Return a handler for an upstream that answers {@code 200} with the token it was
	 * sent (and echoes the request body after it) when the request carries a token of this
	 * endpoint's that has not expired, and {@code 401} otherwise.
	 * @return the handler
	 */
	public LoopbackServer.Handler protectedResource() {
		return (request, response) -> {
			String authorization = request.headers().get("Authorization");
			if (authorization == null || !authorization.startsWith("Bearer ")) {
				this.rejected.add(String.valueOf(authorization));
				return response.status(401).header("WWW-Authenticate", "Bearer").send();
			}
			String token = authorization.substring("Bearer ".length());
			Instant expiry = this.expiries.get(token);
			if (expiry == null || !Instant.now().isBefore(expiry)) {
				this.rejected.add(authorization);
				return response.status(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"").send();
			}
			return response.sendString(Mono.just(token + request.body()));
		};
	}

	@Override
	public void close() {
		this.server.close();
	}

}
