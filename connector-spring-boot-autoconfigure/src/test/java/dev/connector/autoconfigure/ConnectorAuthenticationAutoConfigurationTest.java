package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.connector.AuthenticationException;
import dev.connector.ConfigurationException;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.auth.ConnectorAuthenticator;
import dev.connector.test.LoopbackServer;
import dev.connector.test.TokenServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How clients get their authenticators from the configuration: the built-in OAuth2 token
 * client, a Spring Security client registration, and a custom bean, end to end against a
 * token endpoint and an upstream on loopback.
 */
class ConnectorAuthenticationAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.jackson())
		.withConfiguration(BootLine.oauth2Client());

	@AutoClose
	private final TokenServer tokens = TokenServer.start();

	@AutoClose
	private final LoopbackServer upstream = LoopbackServer.start(this.tokens.protectedResource());

	@AutoClose
	private LoopbackServer echo;

	private ApplicationContextRunner builtIn() {
		return this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + this.upstream.baseUrl(),
				"connector.clients.payments.auth.type=oauth2-client-credentials",
				"connector.clients.payments.auth.oauth2.token-uri=" + this.tokens.tokenUri(),
				"connector.clients.payments.auth.oauth2.client-id=orders",
				"connector.clients.payments.auth.oauth2.client-secret=orders-secret");
	}

	private ApplicationContextRunner registration() {
		return this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + this.upstream.baseUrl(),
				"connector.clients.payments.auth.type=oauth2-client-credentials",
				"connector.clients.payments.auth.oauth2.registration-id=orders",
				"spring.security.oauth2.client.registration.orders.client-id=orders",
				"spring.security.oauth2.client.registration.orders.client-secret=orders-secret",
				"spring.security.oauth2.client.registration.orders.authorization-grant-type=client_credentials",
				"spring.security.oauth2.client.registration.orders.provider=local",
				"spring.security.oauth2.client.provider.local.token-uri=" + this.tokens.tokenUri());
	}

	private static String get(Connector connector, String path) {
		return connector.blocking().request(ConnectorRequest.get(path).build()).bodyAsString();
	}

	private static Throwable rootCause(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root;
	}

	@Test
	void builtInTokenClientSendsItsTokenRequestsThroughBootsWebClient() {
		builtIn().with(BootLine.webClientCustomizer((builder) -> builder.defaultHeader("X-Via", "boot"))).run((context) -> {
			Connector payments = context.getBean("payments", Connector.class);
			assertThat(get(payments, "/orders")).isEqualTo("token-1");
			assertThat(get(payments, "/orders")).isEqualTo("token-1");
			assertThat(this.tokens.tokenRequests()).hasSize(1);
			assertThat(this.tokens.tokenRequests().get(0).headers().get("X-Via")).isEqualTo("boot");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http", "netty" })
	void builtInTokenClientRefreshesOnceAndRetriesOn401(String transport) {
		builtIn().withPropertyValues("connector.clients.payments.transport=" + transport).run((context) -> {
			Connector payments = context.getBean("payments", Connector.class);
			assertThat(get(payments, "/warm")).isEqualTo("token-1");
			this.tokens.revoke("token-1");
			ConnectorResponse response = payments.blocking()
				.request(ConnectorRequest.post("/charges").body("{\"amount\":5}").build());
			assertThat(response.bodyAsString()).isEqualTo("token-2{\"amount\":5}");
			assertThat(this.tokens.tokenRequests()).hasSize(2);
		});
	}

	@Test
	void registrationSharesOneTokenRequestAmongConcurrentFirstCalls() {
		this.tokens.delay(Duration.ofMillis(300));
		registration().run((context) -> {
			Connector payments = context.getBean("payments", Connector.class);
			List<String> bodies = Flux.range(0, 100)
				.flatMap((i) -> payments.request(ConnectorRequest.get("/orders/" + i).build()), 100)
				.map(ConnectorResponse::bodyAsString)
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(bodies).hasSize(100).containsOnly("token-1");
			assertThat(this.tokens.tokenRequests()).hasSize(1);
			assertThat(this.tokens.tokenRequests().get(0).body()).contains("grant_type=client_credentials");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http", "netty" })
	void registrationRefreshesOnceAndRetriesOn401(String transport) {
		registration().withPropertyValues("connector.clients.payments.transport=" + transport).run((context) -> {
			Connector payments = context.getBean("payments", Connector.class);
			assertThat(get(payments, "/warm")).isEqualTo("token-1");
			this.tokens.revoke("token-1");
			ConnectorResponse response = payments.blocking()
				.request(ConnectorRequest.post("/charges").body("{\"amount\":5}").build());
			assertThat(response.bodyAsString()).isEqualTo("token-2{\"amount\":5}");
			assertThat(this.tokens.tokenRequests()).hasSize(2);
			assertThat(this.tokens.rejected()).containsExactly("Bearer token-1");
		});
	}

	@Test
	void registrationWhoseTokenEndpointFailsGivesAnAuthenticationExceptionNamingTheClient() {
		this.tokens.failWith(500);
		registration().run((context) -> {
			Connector payments = context.getBean("payments", Connector.class);
			long start = System.nanoTime();
			AuthenticationException error = catchThrowableOfType(AuthenticationException.class,
					() -> get(payments, "/orders"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			assertThat(error.getClientName()).isEqualTo("payments");
			assertThat(error).hasMessageContaining("client=payments")
				.hasMessageContaining("registration 'orders'")
				.hasMessageContaining(this.tokens.tokenUri())
				.hasMessageNotContaining("orders-secret");
			assertThat(this.upstream.requests()).isEmpty();
		});
	}

	@Test
	void registrationWhoseTokenEndpointHangsFailsWithinTheTokenTimeout() {
		this.tokens.hang();
		registration().withPropertyValues("connector.clients.payments.auth.oauth2.token-timeout=300ms")
			.run((context) -> {
				Connector payments = context.getBean("payments", Connector.class);
				long start = System.nanoTime();
				AuthenticationException error = catchThrowableOfType(AuthenticationException.class,
						() -> get(payments, "/orders"));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
				assertThat(error).hasMessageContaining("client=payments")
					.hasMessageContaining("token-timeout (300ms)");
			});
	}

	@Test
	void registrationIdNamingNoRegistrationListsThoseThatExist() {
		registration().withPropertyValues("connector.clients.payments.auth.oauth2.registration-id=ordrs")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure())).isInstanceOf(ConfigurationException.class)
					.hasMessageContaining("connector.clients.payments.auth.oauth2.registration-id")
					.hasMessageContaining("registration 'ordrs'")
					.hasMessageContaining("registrations: [orders]");
			});
	}

	@Test
	void registrationIdWithoutSpringSecurityAsksForTheDependency() {
		registration().withClassLoader(new FilteredClassLoader("org.springframework.security")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context.getStartupFailure())).isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("connector.clients.payments.auth.oauth2.registration-id")
				.hasMessageContaining("spring-security-oauth2-client");
		});
	}

	@Test
	void builtInTokenClientWorksWithoutSpringSecurity() {
		builtIn().withClassLoader(new FilteredClassLoader("org.springframework.security")).run((context) -> {
			assertThat(get(context.getBean("payments", Connector.class), "/orders")).isEqualTo("token-1");
		});
	}

	@Test
	void customAuthenticatorIsTheBeanNamedByTheProperty() {
		this.contextRunner.withUserConfiguration(TwoAuthenticators.class)
			.withPropertyValues("connector.clients.payments.base-url=" + echoAuthorization().baseUrl(),
					"connector.clients.payments.auth.type=custom",
					"connector.clients.payments.auth.authenticator=second")
			.run((context) -> assertThat(get(context.getBean("payments", Connector.class), "/x"))
				.isEqualTo("Custom second-1"));
	}

	@Test
	void customAuthenticatorIsTheOnlyBeanWhenNoneIsNamed() {
		this.contextRunner.withUserConfiguration(OneAuthenticator.class)
			.withPropertyValues("connector.clients.payments.base-url=" + echoAuthorization().baseUrl(),
					"connector.clients.payments.auth.type=custom")
			.run((context) -> assertThat(get(context.getBean("payments", Connector.class), "/x"))
				.isEqualTo("Custom only-1"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http", "netty" })
	void customAuthenticatorRefreshesAndRetriesOnceOn401(String transport) {
		LoopbackServer rejectingFirstVersion = echoAuthorization();
		this.contextRunner.withUserConfiguration(OneAuthenticator.class)
			.withPropertyValues("connector.clients.payments.base-url=" + rejectingFirstVersion.baseUrl(),
					"connector.clients.payments.auth.type=custom",
					"connector.clients.payments.transport=" + transport)
			.run((context) -> {
				String body = context.getBean("payments", Connector.class)
					.blocking()
					.request(ConnectorRequest.post("/reject-first").body("x").build())
					.bodyAsString();
				assertThat(body).isEqualTo("Custom only-2");
				assertThat(rejectingFirstVersion.requests()).hasSize(2);
			});
	}

	@Test
	void customWithoutAnAuthenticatorBeanNamesThePropertyAndTheFix() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.clients.payments.auth.type=custom")
			.run((context) -> assertThat(rootCause(context.getStartupFailure()))
				.isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("connector.clients.payments.auth.authenticator")
				.hasMessageContaining("no ConnectorAuthenticator bean"));
	}

	@Test
	void customWithSeveralAuthenticatorBeansNamesThem() {
		this.contextRunner.withUserConfiguration(TwoAuthenticators.class)
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.clients.payments.auth.type=custom")
			.run((context) -> assertThat(rootCause(context.getStartupFailure()))
				.isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("connector.clients.payments.auth.authenticator")
				.hasMessageContaining("[first, second]"));
	}

	@Test
	void customNamingAnUnknownBeanNamesTheCandidates() {
		this.contextRunner.withUserConfiguration(TwoAuthenticators.class)
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.clients.payments.auth.type=custom", "connector.clients.payments.auth.authenticator=third")
			.run((context) -> assertThat(rootCause(context.getStartupFailure()))
				.isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("connector.clients.payments.auth.authenticator")
				.hasMessageContaining("'third'")
				.hasMessageContaining("[first, second]"));
	}

	/**
	 * An upstream that echoes the Authorization header, and rejects the first version of
	 * a custom credential on {@code /reject-first}.
	 */
	private LoopbackServer echoAuthorization() {
		LoopbackServer server = LoopbackServer.start((request, response) -> {
			String authorization = request.headers().get(HttpHeaders.AUTHORIZATION);
			if (request.path().equals("/reject-first") && authorization.endsWith("-1")) {
				return response.status(401).send();
			}
			return response.sendString(Mono.just(authorization));
		});
		this.echo = server;
		return server;
	}

	/**
	 * Sends {@code Authorization: Custom <name>-<version>} and moves to the next version on
	 * a {@code 401}.
	 */
	static final class VersionedAuthenticator implements ConnectorAuthenticator {

		private final String name;

		private final AtomicInteger version = new AtomicInteger(1);

		VersionedAuthenticator(String name) {
			this.name = name;
		}

		@Override
		public Mono<ConnectorRequest> authenticate(ConnectorRequest request, String client) {
			return Mono.just(request.toBuilder()
				.header(HttpHeaders.AUTHORIZATION, "Custom " + this.name + "-" + this.version.get())
				.build());
		}

		@Override
		public Mono<Boolean> unauthorized(ConnectorRequest request, ConnectorResponse response, String client) {
			this.version.incrementAndGet();
			return Mono.just(true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OneAuthenticator {

		@Bean
		ConnectorAuthenticator only() {
			return new VersionedAuthenticator("only");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoAuthenticators {

		@Bean
		ConnectorAuthenticator first() {
			return new VersionedAuthenticator("first");
		}

		@Bean
		ConnectorAuthenticator second() {
			return new VersionedAuthenticator("second");
		}

	}

}
