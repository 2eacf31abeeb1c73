package dev.connector.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.connector.AuthenticationException;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.ConnectorTimeoutException;
import dev.connector.FailureKind;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import dev.connector.test.TokenServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The built-in OAuth2 client credentials authenticator against a real token endpoint and
 * a real upstream that accepts only valid tokens, both on loopback.
 */
class ClientCredentialsAuthenticatorTest {

	private static final String SECRET = "s3cr:t/+value";

	@AutoClose
	private final TokenServer tokens = TokenServer.start();

	@AutoClose
	private final LoopbackServer upstream = LoopbackServer.start(this.tokens.protectedResource());

	@AutoClose
	private Connector connector;

	private AuthSettings.Builder oauth2() {
		return AuthSettings.builder()
			.type(AuthSettings.Type.OAUTH2_CLIENT_CREDENTIALS)
			.tokenUri(URI.create(this.tokens.tokenUri()))
			.clientId("orders service")
			.clientSecret(Secret.of(SECRET));
	}

	private Connector connect(HttpTransportUnderTest transport, AuthSettings auth) {
		this.connector = transport.builder("payments")
			.settings((s) -> s.baseUrl(this.upstream.baseUrl()).timeout(Duration.ofSeconds(10)).auth(auth))
			.build();
		return this.connector;
	}

	private Connector connect(HttpTransportUnderTest transport, AuthSettings auth, Clock clock) {
		this.connector = transport.builder("payments")
			.settings((s) -> s.baseUrl(this.upstream.baseUrl()).timeout(Duration.ofSeconds(10)))
			.authenticator(new ClientCredentialsAuthenticator(auth.oauth2(), WebClient.create(), clock))
			.build();
		return this.connector;
	}

	private String get(String path) {
		return this.connector.blocking().request(ConnectorRequest.get(path).build()).bodyAsString();
	}

	@EachHttpTransport
	void concurrentFirstCallsShareOneTokenRequest(HttpTransportUnderTest transport) {
		this.tokens.delay(Duration.ofMillis(300));
		connect(transport, oauth2().build());
		List<ConnectorResponse> responses = Flux.range(0, 100)
			.flatMap((i) -> this.connector.request(ConnectorRequest.get("/orders/" + i).build()), 100)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(responses).hasSize(100).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
		assertThat(this.tokens.tokenRequests()).hasSize(1);
		assertThat(this.upstream.requests())
			.allSatisfy((request) -> assertThat(request.headers().get("Authorization")).isEqualTo("Bearer token-1"));
	}

	@EachHttpTransport
	void shortLivedTokenIsRefreshedBeforeItExpiresWithNoCallFailing(HttpTransportUnderTest transport) {
		this.tokens.expiresIn(2L);
		connect(transport, oauth2().refreshSkew(Duration.ofSeconds(1)).build());
		Instant end = Instant.now().plusMillis(3500);
		// four callers in a row each, so that calls meet at each refresh
		Mono<String> call = Mono.delay(Duration.ofMillis(25))
			.then(Mono.defer(() -> this.connector.request(ConnectorRequest.get("/orders").build())))
			.map(ConnectorResponse::bodyAsString);
		List<String> seen = Flux.range(0, 4)
			.flatMap((caller) -> call.repeat(() -> Instant.now().isBefore(end)))
			.collectList()
			.block(Duration.ofSeconds(10));
		// every call succeeded, and the upstream, checking expiry on its own clock, never saw an expired token
		assertThat(this.tokens.rejected()).isEmpty();
		assertThat(seen).hasSizeGreaterThan(50).contains("token-1", "token-2", "token-3");
		// refreshed about every second (2s lifetime, 1s skew), not on every call
		assertThat(this.tokens.tokenRequests()).hasSizeBetween(3, 5);
	}

	@EachHttpTransport
	void callCancelledWhileTheTokenIsFetchedLeavesTheRequestToTheNextCall(HttpTransportUnderTest transport) {
		this.tokens.delay(Duration.ofMillis(400));
		connect(transport, oauth2().build());
		catchThrowableOfType(ConnectorTimeoutException.class, () -> this.connector.blocking()
			.request(ConnectorRequest.get("/impatient").timeout(Duration.ofMillis(100)).build()));
		assertThat(get("/patient")).isEqualTo("token-1");
		assertThat(this.tokens.tokenRequests()).hasSize(1);
	}

	@EachHttpTransport
	void tokenWithoutExpiryIsKeptUntilTheUpstreamRejectsIt(HttpTransportUnderTest transport) {
		this.tokens.expiresIn(null);
		connect(transport, oauth2().build());
		assertThat(get("/a")).isEqualTo("token-1");
		assertThat(get("/b")).isEqualTo("token-1");
		this.tokens.revoke("token-1");
		assertThat(get("/c")).isEqualTo("token-2");
		assertThat(this.tokens.tokenRequests()).hasSize(2);
	}

	@EachHttpTransport
	void unauthorizedPostIsRetriedOnceWithANewToken(HttpTransportUnderTest transport) {
		connect(transport, oauth2().build());
		assertThat(get("/warm")).isEqualTo("token-1");
		this.tokens.revoke("token-1");
		ConnectorResponse response = this.connector.blocking()
			.request(ConnectorRequest.post("/charges").body("{\"amount\":5}").build());
		assertThat(response.bodyAsString()).isEqualTo("token-2{\"amount\":5}");
		assertThat(this.tokens.tokenRequests()).hasSize(2);
		assertThat(this.tokens.rejected()).containsExactly("Bearer token-1");
		List<LoopbackServer.RecordedRequest> charges = this.upstream.requests()
			.stream()
			.filter((request) -> request.path().equals("/charges"))
			.toList();
		assertThat(charges).extracting((request) -> request.headers().get("Authorization"))
			.containsExactly("Bearer token-1", "Bearer token-2");
		assertThat(charges).extracting(LoopbackServer.RecordedRequest::body)
			.containsOnly("{\"amount\":5}");
	}

	@EachHttpTransport
	void upstreamThatKeepsRejectingGetsOneRefreshAndOneRetry(HttpTransportUnderTest transport) {
		try (LoopbackServer rejecting = LoopbackServer
			.start((request, response) -> response.status(401).sendString(Mono.just("{\"error\":\"invalid_token\"}")))) {
			this.connector = transport.builder("payments")
				.settings((s) -> s.baseUrl(rejecting.baseUrl()).auth(oauth2().build()))
				.build();
			AuthenticationException error = catchThrowableOfType(AuthenticationException.class,
					() -> this.connector.blocking().request(ConnectorRequest.get("/orders").build()));
			assertThat(error.getStatus()).isEqualTo(401);
			assertThat(this.tokens.tokenRequests()).hasSize(2);
			assertThat(rejecting.requests()).extracting((request) -> request.headers().get("Authorization"))
				.containsExactly("Bearer token-1", "Bearer token-2");
		}
	}

	@EachHttpTransport
	void concurrentRejectionsOfOneTokenCauseOneRefresh(HttpTransportUnderTest transport) {
		connect(transport, oauth2().build());
		assertThat(get("/warm")).isEqualTo("token-1");
		this.tokens.delay(Duration.ofMillis(200));
		this.tokens.revoke("token-1");
		List<String> bodies = Flux.range(0, 20)
			.flatMap((i) -> this.connector.request(ConnectorRequest.get("/orders/" + i).build()), 20)
			.map(ConnectorResponse::bodyAsString)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(bodies).hasSize(20).containsOnly("token-2");
		assertThat(this.tokens.tokenRequests()).hasSize(2);
	}

	@EachHttpTransport
	void failingTokenEndpointFailsTheCallAtOnceNamingClientAndTokenUri(HttpTransportUnderTest transport) {
		this.tokens.failWith(500);
		connect(transport, oauth2().build());
		long start = System.nanoTime();
		AuthenticationException error = catchThrowableOfType(AuthenticationException.class, () -> get("/orders"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(error.getClientName()).isEqualTo("payments");
		assertThat(error.getUri()).hasToString(this.tokens.tokenUri());
		assertThat(error.getStatus()).isZero();
		assertThat(error.kind()).isEqualTo(FailureKind.REJECTED);
		assertThat(error).hasMessageContaining("client=payments")
			.hasMessageContaining(this.tokens.tokenUri())
			.hasMessageContaining("answered 500")
			.hasMessageContaining("server_error");
		// not retried by the call, and the upstream was never asked
		assertThat(this.tokens.tokenRequests()).hasSize(1);
		assertThat(this.upstream.requests()).isEmpty();
	}

	@EachHttpTransport
	void hangingTokenEndpointFailsTheCallWithinTheTokenTimeout(HttpTransportUnderTest transport) {
		this.tokens.hang();
		connect(transport, oauth2().tokenTimeout(Duration.ofMillis(300)).build());
		long start = System.nanoTime();
		AuthenticationException error = catchThrowableOfType(AuthenticationException.class, () -> get("/orders"));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(elapsed).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
		assertThat(error).hasMessageContaining("client=payments")
			.hasMessageContaining(this.tokens.tokenUri())
			.hasMessageContaining("token-timeout (300ms)");
	}

	@EachHttpTransport
	void callsDuringTheBackoffFailFastWithoutAskingTheTokenEndpoint(HttpTransportUnderTest transport) {
		TestClock clock = new TestClock();
		this.tokens.failWith(503);
		connect(transport, oauth2().build(), clock);
		catchThrowableOfType(AuthenticationException.class, () -> get("/first"));
		assertThat(this.tokens.tokenRequests()).hasSize(1);
		List<Throwable> errors = Flux.range(0, 20)
			.flatMap((i) -> this.connector.request(ConnectorRequest.get("/orders/" + i).build())
				.map(Object.class::cast)
				.onErrorResume(Mono::just), 20)
			.cast(Throwable.class)
			.collectList()
			.block(Duration.ofSeconds(5));
		assertThat(errors).hasSize(20)
			.allSatisfy((error) -> assertThat(error).isInstanceOf(AuthenticationException.class)
				.hasMessageContaining("failed 1 time in a row")
				.hasMessageContaining("the next token request is in 1s"));
		assertThat(this.tokens.tokenRequests()).hasSize(1);
		// a second failure doubles the window
		clock.advance(Duration.ofSeconds(1));
		catchThrowableOfType(AuthenticationException.class, () -> get("/second"));
		assertThat(this.tokens.tokenRequests()).hasSize(2);
		clock.advance(Duration.ofMillis(1500));
		assertThat(catchThrowableOfType(AuthenticationException.class, () -> get("/third")))
			.hasMessageContaining("failed 2 times in a row")
			.hasMessageContaining("is in 500ms");
		// the first call after the window asks again, and a success ends the back-off
		this.tokens.failWith(0);
		clock.advance(Duration.ofMillis(500));
		assertThat(get("/fourth")).isEqualTo("token-1");
		assertThat(this.tokens.tokenRequests()).hasSize(3);
	}

	@Test
	void backoffDoublesUpToThirtySeconds() {
		assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 40)).extracting(ClientCredentialsAuthenticator::backoffMillis)
			.containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
	}

	@EachHttpTransport
	void clientSecretBasicSendsFormEncodedCredentialsInTheAuthorizationHeader(HttpTransportUnderTest transport) {
		connect(transport, oauth2().scope(Set.of("write", "read")).audience("urn:connector:quotes/v1").build());
		get("/orders");
		LoopbackServer.RecordedRequest request = this.tokens.tokenRequests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.headers().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		String expected = Base64.getEncoder()
			.encodeToString("orders+service:s3cr%3At%2F%2Bvalue".getBytes(StandardCharsets.UTF_8));
		assertThat(request.headers().get("Authorization")).isEqualTo("Basic " + expected);
		assertThat(request.body()).isEqualTo(
				"grant_type=client_credentials&scope=read+write&audience=urn%3Aconnector%3Aquotes%2Fv1");
	}

	@EachHttpTransport
	void clientSecretPostSendsCredentialsInTheFormAndNoAuthorizationHeader(HttpTransportUnderTest transport) {
		connect(transport, oauth2().clientAuthentication(AuthSettings.ClientAuthentication.POST).build());
		get("/orders");
		LoopbackServer.RecordedRequest request = this.tokens.tokenRequests().get(0);
		assertThat(request.headers().get("Authorization")).isNull();
		assertThat(request.body()).isEqualTo(
				"grant_type=client_credentials&client_id=orders+service&client_secret=s3cr%3At%2F%2Bvalue");
	}

	@EachHttpTransport
	void neitherSecretNorTokenAppearsInErrorsOrToString(HttpTransportUnderTest transport) {
		this.tokens.failWith(200, "{\"access_token\":\"leaked-token");
		connect(transport, oauth2().build());
		AuthenticationException malformed = catchThrowableOfType(AuthenticationException.class, () -> get("/a"));
		assertThat(malformed).hasMessageContaining("not JSON");
		this.tokens.failWith(500, "bad client secret " + SECRET + " for token leaked-token");
		this.connector.close();
		connect(transport, oauth2().build());
		AuthenticationException failed = catchThrowableOfType(AuthenticationException.class, () -> get("/b"));
		for (Throwable error = malformed; error != null; error = error.getCause()) {
			assertThat(error.getMessage()).doesNotContain(SECRET).doesNotContain("leaked-token");
		}
		for (Throwable error = failed; error != null; error = error.getCause()) {
			assertThat(error.getMessage()).doesNotContain(SECRET).doesNotContain("leaked-token");
		}
		assertThat(Authenticators.clientCredentials(oauth2().build().oauth2(), WebClient.create()))
			.asString()
			.contains(this.tokens.tokenUri())
			.doesNotContain(SECRET);
	}

	@Test
	void settingsAloneBuildTheAuthenticator() {
		ClientSettings settings = ClientSettings.builder("payments").auth(oauth2().build()).build();
		assertThat(Authenticators.fromSettings(settings)).isInstanceOf(ClientCredentialsAuthenticator.class);
	}

	/**
	 * A clock a test moves by hand, for the back-off windows.
	 */
	private static final class TestClock extends Clock {

		private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));

		void advance(Duration duration) {
			this.now.updateAndGet((instant) -> instant.plus(duration));
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

	}

}
