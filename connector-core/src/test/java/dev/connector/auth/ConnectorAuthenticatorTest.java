package dev.connector.auth;

import java.util.concurrent.atomic.AtomicInteger;

import dev.connector.AuthenticationException;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The authenticator contract as the call engine applies it: credentials on every attempt,
 * and a {@code 401} answered by one refresh and one more attempt, never more.
 */
class ConnectorAuthenticatorTest {

	private final HttpTransportUnderTest transport;

	ConnectorAuthenticatorTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;

	@EachHttpTransport
	void aRejectedPostIsSentOnceMoreWithTheRefreshedToken() {
		RotatingAuthenticator authenticator = new RotatingAuthenticator(true);
		this.server = LoopbackServer.start((request, response) -> "Bearer token-2".equals(
				request.headers().get("Authorization")) ? response.sendString(Mono.just("created"))
						: response.status(401).send());
		connect(authenticator);
		ConnectorResponse response = this.connector.blocking()
			.request(ConnectorRequest.post("/orders").body("{\"item\":7}").build());
		assertThat(response.bodyAsString()).isEqualTo("created");
		assertThat(authenticator.refreshes).hasValue(1);
		assertThat(this.server.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.body()).isEqualTo("{\"item\":7}");
		});
		assertThat(this.server.requests().get(0).headers().get("Authorization")).isEqualTo("Bearer token-1");
		assertThat(this.server.requests().get(1).headers().get("Authorization")).isEqualTo("Bearer token-2");
	}

	@EachHttpTransport
	void aSecond401IsTheCallsFailureAfterExactlyOneRefresh() {
		RotatingAuthenticator authenticator = new RotatingAuthenticator(true);
		this.server = LoopbackServer.start((request, response) -> response.status(401).send());
		connect(authenticator);
		AuthenticationException error = catchThrowableOfType(AuthenticationException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/orders").build()));
		assertThat(error.getStatus()).isEqualTo(401);
		assertThat(authenticator.refreshes).hasValue(1);
		assertThat(this.server.requests()).hasSize(2);
	}

	@EachHttpTransport
	void anAuthenticatorThatCannotRefreshLetsThe401Through() {
		RotatingAuthenticator authenticator = new RotatingAuthenticator(false);
		this.server = LoopbackServer.start((request, response) -> response.status(401).send());
		connect(authenticator);
		catchThrowableOfType(AuthenticationException.class,
				() -> this.connector.blocking().request(ConnectorRequest.get("/orders").build()));
		assertThat(this.server.requests()).hasSize(1);
	}

	@EachHttpTransport
	void anAuthenticatorReplacesTheSettingsAuth() {
		this.server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("ok")));
		this.connector = this.transport.builder("orders")
			.settings((settings) -> settings.baseUrl(this.server.baseUrl())
				.auth(dev.connector.config.AuthSettings.builder()
					.type(dev.connector.config.AuthSettings.Type.BEARER)
					.bearerToken(dev.connector.config.Secret.of("from-settings"))
					.build()))
			.authenticator(new RotatingAuthenticator(false))
			.build();
		this.connector.blocking().request(ConnectorRequest.get("/orders").build());
		assertThat(this.server.lastRequest().headers().get("Authorization")).isEqualTo("Bearer token-1");
	}

	private void connect(ConnectorAuthenticator authenticator) {
		this.connector = this.transport.builder("orders")
			.settings((settings) -> settings.baseUrl(this.server.baseUrl()))
			.authenticator(authenticator)
			.build();
	}

	/**
	 * Sends {@code token-<n>}, where a refresh moves {@code n} on.
	 */
	private static final class RotatingAuthenticator implements ConnectorAuthenticator {

		private final AtomicInteger token = new AtomicInteger(1);

		private final AtomicInteger refreshes = new AtomicInteger();

		private final boolean canRefresh;

		RotatingAuthenticator(boolean canRefresh) {
			this.canRefresh = canRefresh;
		}

		@Override
		public Mono<ConnectorRequest> authenticate(ConnectorRequest request, String client) {
			return Mono.fromSupplier(() -> request.toBuilder()
				.header("Authorization", "Bearer token-" + this.token.get())
				.build());
		}

		@Override
		public Mono<Boolean> unauthorized(ConnectorRequest request, ConnectorResponse response, String client) {
			if (!this.canRefresh) {
				return Mono.just(false);
			}
			this.refreshes.incrementAndGet();
			this.token.incrementAndGet();
			return Mono.just(true);
		}

	}

}
