package dev.connector.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;
import dev.connector.test.CapturedLogs;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The shipped bearer, basic and api-key authentication: the upstream gets the credentials,
 * and nothing a user can see (log lines at {@code logging.level: body}, exception messages,
 * the settings' description) shows them.
 */
class ShippedAuthenticatorsTest {

	private static final String SECRET = "s3cr3t-Val0e-4711";

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;

	@EachHttpTransport
	void bearerTokenReachesTheUpstreamAndNowhereElse(HttpTransportUnderTest transport) {
		List<String> seen = callAndFail(transport,
				(auth) -> auth.type(AuthSettings.Type.BEARER).bearerToken(Secret.of(SECRET)), "Authorization");
		assertThat(seen).containsOnly("Bearer " + SECRET);
	}

	@EachHttpTransport
	void basicCredentialsReachTheUpstreamAndNowhereElse(HttpTransportUnderTest transport) {
		List<String> seen = callAndFail(transport, (auth) -> auth.type(AuthSettings.Type.BASIC)
			.basicUsername("orders")
			.basicPassword(Secret.of(SECRET)), "Authorization");
		String encoded = Base64.getEncoder().encodeToString(("orders:" + SECRET).getBytes(StandardCharsets.UTF_8));
		assertThat(seen).containsOnly("Basic " + encoded);
	}

	@EachHttpTransport
	void apiKeyHeaderReachesTheUpstreamAndNowhereElse(HttpTransportUnderTest transport) {
		List<String> seen = callAndFail(transport, (auth) -> auth.type(AuthSettings.Type.API_KEY)
			.apiKeyHeader("X-Partner-Key")
			.apiKeyValue(Secret.of(SECRET)), "X-Partner-Key");
		assertThat(seen).containsOnly(SECRET);
	}

	@EachHttpTransport
	void apiKeyQueryParameterReachesTheUpstreamAndNowhereElse(HttpTransportUnderTest transport) {
		// a parameter name that is not among the default redact-query-params
		List<String> seen = callAndFail(transport, (auth) -> auth.type(AuthSettings.Type.API_KEY)
			.apiKeyQueryParam("appid")
			.apiKeyValue(Secret.of(SECRET)), null);
		assertThat(seen).containsOnly("appid=" + SECRET);
	}

	@EachHttpTransport
	void anAttemptOfARetriedCallCarriesTheCredentialsAgain(HttpTransportUnderTest transport) {
		this.server = LoopbackServer.start((request, response) -> (this.server.requests().size() == 1)
				? response.status(503).send() : response.sendString(Mono.just("ok")));
		this.connector = transport.builder("partner")
			.settings((settings) -> settings.baseUrl(this.server.baseUrl())
				.retry(ClientSettings.RetrySettings.builder().waitDuration(java.time.Duration.ofMillis(1)).build())
				.auth(AuthSettings.builder().type(AuthSettings.Type.BEARER).bearerToken(Secret.of(SECRET)).build()))
			.build();
		assertThat(this.connector.blocking().request(ConnectorRequest.get("/quotes").build()).bodyAsString())
			.isEqualTo("ok");
		assertThat(this.server.requests()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.headers().get("Authorization")).isEqualTo("Bearer " + SECRET));
	}

	@Test
	void settingsDescribeTheirCredentialsMasked() {
		AuthSettings auth = AuthSettings.builder()
			.type(AuthSettings.Type.BASIC)
			.basicUsername("orders")
			.basicPassword(Secret.of(SECRET))
			.bearerToken(Secret.of(SECRET))
			.apiKeyValue(Secret.of(SECRET))
			.clientSecret(Secret.of(SECRET))
			.build();
		ClientSettings settings = ClientSettings.builder("partner").auth(auth).build();
		assertThat(settings.toString()).doesNotContain(SECRET).contains(Secret.MASK);
		assertThat(auth.toString()).doesNotContain(SECRET);
		assertThat(Authenticators.fromSettings(settings).toString()).doesNotContain(SECRET);
	}

	@Test
	void aTypeWithoutItsCredentialNamesTheMissingProperty() {
		ConnectorException error = catchThrowableOfType(dev.connector.ConfigurationException.class,
				() -> AuthSettings.builder().type(AuthSettings.Type.API_KEY).apiKeyValue(Secret.of(SECRET)).build());
		assertThat(error.getMessage()).contains("auth.api-key.header").contains("auth.api-key.query-param")
			.doesNotContain(SECRET);
	}

	/**
	 * Make one call that succeeds and one the upstream fails with 500, both at
	 * {@code logging.level: body}, and return what the upstream saw of the credential: the
	 * header's values, or the query when {@code header} is {@code null}.
	 */
	private List<String> callAndFail(HttpTransportUnderTest transport, Consumer<AuthSettings.Builder> auth,
			String header) {
		this.server = LoopbackServer.start((request, response) -> request.path().startsWith("/fail")
				? response.status(500).sendString(Mono.just("broken"))
				: response.sendString(Mono.just("{\"quote\":42}")));
		AuthSettings.Builder authSettings = AuthSettings.builder();
		auth.accept(authSettings);
		List<String> messages = new ArrayList<>();
		List<String> lines;
		try (CapturedLogs logs = CapturedLogs.start()) {
			this.connector = transport.builder("partner")
				.settings((settings) -> settings.baseUrl(this.server.baseUrl())
					.retry(ClientSettings.RetrySettings.builder().enabled(false).build())
					.logging(ClientSettings.LoggingSettings.builder().level(ClientSettings.LogLevel.BODY).build())
					.auth(authSettings.build()))
				.build();
			assertThat(this.connector.blocking().request(ConnectorRequest.post("/quotes").body("{}").build())
				.bodyAsString()).isEqualTo("{\"quote\":42}");
			ConnectorException failure = catchThrowableOfType(ConnectorException.class,
					() -> this.connector.blocking().request(ConnectorRequest.get("/fail").build()));
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				messages.add(cause.toString());
			}
			messages.add(this.connector.settings().toString());
			lines = logs.lines();
		}
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("event=connector.request.sent"));
		assertThat(lines).noneSatisfy((line) -> assertThat(line).contains(SECRET));
		assertThat(messages).noneSatisfy((message) -> assertThat(message).contains(SECRET));
		assertThat(this.server.requests()).hasSize(2);
		return this.server.requests()
			.stream()
			.map((request) -> (header != null) ? request.headers().get(header)
					: java.net.URI.create(request.uri()).getRawQuery())
			.distinct()
			.toList();
	}

}
