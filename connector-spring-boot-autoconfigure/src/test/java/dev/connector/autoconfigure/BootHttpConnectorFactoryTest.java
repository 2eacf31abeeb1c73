package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.function.UnaryOperator;

import dev.connector.ConfigurationException;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.TransportException;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackProxy;
import dev.connector.test.LoopbackServer;
import dev.connector.test.TestCertificates;
import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured {@code http} and {@code netty} transports build their clients with
 * Spring Boot's {@code ReactorHttpClientBuilder}: SSL bundles from {@code spring.ssl.bundle.*} (trust,
 * mutual TLS, reload), and the client's own compression and redirect policy kept over Boot's
 * defaults. The application's own {@code HttpClient} customizations, each Boot line's API, are
 * {@code ApplicationHttpClientCustomizerTest}'s.
 */
class BootHttpConnectorFactoryTest {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner;

	BootHttpConnectorFactoryTest(HttpTransportUnderTest transport) {
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
			.withConfiguration(BootLine.webClient())
			.withConfiguration(BootLine.jackson())
			.withConfiguration(BootLine.sslAndHttpConnector())
			.withBean(ReactorResourceFactory.class, ContextReactorResources::create)
			.withPropertyValues("connector.defaults.retry.enabled=false", "connector.defaults.timeout=10s",
					"connector.defaults.transport=" + transport.type());
	}

	@AutoClose
	private LoopbackServer server;

	private LoopbackServer httpsServer(TestCertificates.Certificate certificate, boolean clientCertificateRequired) {
		this.server = LoopbackServer.start((server) -> server.secure((ssl) -> ssl.sslContext(
				Http11SslContextSpec.forServer(certificate.privateKey(), certificate.certificate()).configure((tls) -> {
					if (clientCertificateRequired) {
						tls.clientAuth(ClientAuth.REQUIRE).trustManager(TestCertificates.client().certificate());
					}
				}))), (request, response) -> response.sendString(Mono.just("hello over tls")));
		return this.server;
	}

	private static String[] trustBundle(String bundle, TestCertificates.Certificate server) {
		return new String[] { "spring.ssl.bundle.pem." + bundle + ".truststore.certificate=" + server.certificateLocation() };
	}

	private static Mono<ConnectorResponse> hello(Connector connector) {
		return connector.request(ConnectorRequest.get("/hello").build());
	}

	private static void expectHello(Connector connector) {
		StepVerifier.create(hello(connector))
			.assertNext((response) -> assertThat(response.bodyAsString()).isEqualTo("hello over tls"))
			.expectComplete()
			.verify(PATIENCE);
	}

	@EachHttpTransport
	void selfSignedServerIsRejectedWithoutABundleWithAMessageNamingTheProperty() {
		httpsServer(TestCertificates.server(), false);
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl())
			.run((context) -> StepVerifier.create(hello(context.getBean(Connector.class)))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TransportException.class)
					.hasMessageContaining("the server's certificate was not trusted")
					.hasMessageContaining("set connector.clients.payments.ssl.bundle"))
				.verify(PATIENCE));
	}

	@EachHttpTransport
	void sslBundleThatTrustsTheServerCertificateGetsThrough() {
		httpsServer(TestCertificates.server(), false);
		this.contextRunner.withPropertyValues(trustBundle("upstream", TestCertificates.server()))
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.ssl.bundle=upstream")
			.run((context) -> expectHello(context.getBean(Connector.class)));
	}

	@EachHttpTransport
	void hostNameIsVerifiedWithABundleThatTrustsTheCertificate() {
		httpsServer(TestCertificates.localhostOnly(), false);
		this.contextRunner.withPropertyValues(trustBundle("upstream", TestCertificates.localhostOnly()))
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.ssl.bundle=upstream")
			.run((context) -> StepVerifier.create(hello(context.getBean(Connector.class)))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TransportException.class)
					.hasMessageContaining("the server's certificate is not for this host"))
				.verify(PATIENCE));
	}

	@EachHttpTransport
	void mutualTlsSucceedsWithAClientCertificateBundle() {
		httpsServer(TestCertificates.server(), true);
		TestCertificates.Certificate client = TestCertificates.client();
		this.contextRunner.withPropertyValues(trustBundle("mtls", TestCertificates.server()))
			.withPropertyValues("spring.ssl.bundle.pem.mtls.keystore.certificate=" + client.certificateLocation(),
					"spring.ssl.bundle.pem.mtls.keystore.private-key=" + client.privateKeyLocation(),
					"connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.ssl.bundle=mtls")
			.run((context) -> expectHello(context.getBean(Connector.class)));
	}

	@EachHttpTransport
	void mutualTlsFailsWithoutAClientCertificate() {
		httpsServer(TestCertificates.server(), true);
		this.contextRunner.withPropertyValues(trustBundle("upstream", TestCertificates.server()))
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.ssl.bundle=upstream")
			.run((context) -> StepVerifier.create(hello(context.getBean(Connector.class)))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TransportException.class)
					.hasMessageContaining("the server rejected the client certificate, or none was sent")
					.hasMessageContaining("connector.clients.payments.ssl.bundle"))
				.verify(PATIENCE));
		assertThat(this.server.requests()).isEmpty();
	}

	@EachHttpTransport
	void unknownSslBundleStopsStartUpNamingThePropertyAndTheBundles() {
		this.contextRunner.withPropertyValues(trustBundle("upstream", TestCertificates.server()))
			.withPropertyValues("connector.clients.payments.base-url=https://127.0.0.1:8443",
					"connector.clients.payments.ssl.bundle=upstrem")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(ConfigurationException.class)
					.hasMessageContaining("connector.clients.payments.ssl.bundle")
					.hasMessageContaining("'upstrem'")
					.hasMessageContaining("[upstream]");
			});
	}

	@EachHttpTransport
	void updatedBundleIsUsedForNewConnections() {
		TestCertificates.Certificate rotated = TestCertificates.rotatedServer();
		httpsServer(TestCertificates.server(), false);
		try (LoopbackServer renewed = LoopbackServer.start(
				(server) -> server.secure((ssl) -> ssl
					.sslContext(Http11SslContextSpec.forServer(rotated.privateKey(), rotated.certificate()))),
				(request, response) -> response.sendString(Mono.just("hello over tls")))) {
			DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry("upstream",
					trusting(TestCertificates.server()));
			this.contextRunner.withBean(DefaultSslBundleRegistry.class, () -> bundles)
				.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
						"connector.clients.payments.ssl.bundle=upstream",
						"connector.clients.renewed.base-url=" + renewed.baseUrl(),
						"connector.clients.renewed.ssl.bundle=upstream")
				.run((context) -> {
					Connector payments = context.getBean("payments", Connector.class);
					Connector renewedClient = context.getBean("renewed", Connector.class);
					expectHello(payments);
					StepVerifier.create(hello(renewedClient))
						.expectError(TransportException.class)
						.verify(PATIENCE);
					bundles.updateBundle("upstream", trusting(rotated));
					expectHello(renewedClient);
					assertThat(renewed.requests()).hasSize(1);
				});
		}
	}

	private static SslBundle trusting(TestCertificates.Certificate certificate) {
		return SslBundle.of(new PemSslStoreBundle(null,
				PemSslStoreDetails.forCertificate(certificate.certificateLocation())));
	}

	@EachHttpTransport
	void http2OverTlsIsNegotiatedWithABundle() {
		TestCertificates.Certificate certificate = TestCertificates.server();
		this.server = LoopbackServer.start(
				(server) -> server.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
					.secure((ssl) -> ssl
						.sslContext(Http2SslContextSpec.forServer(certificate.privateKey(), certificate.certificate()))),
				(request, response) -> response.sendString(Mono.just("hello over tls")));
		this.contextRunner.withPropertyValues(trustBundle("upstream", certificate))
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.ssl.bundle=upstream", "connector.clients.payments.http2.enabled=true")
			.run((context) -> {
				expectHello(context.getBean(Connector.class));
				assertThat(this.server.lastRequest().protocol()).isEqualTo("HTTP/2.0");
			});
	}

	@EachHttpTransport
	void redirectsStayOffWhateverBootDefaultsTo() {
		this.server = LoopbackServer.start((request, response) -> response.status(302)
			.header(HttpHeaders.LOCATION, "/landing")
			.send());
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl())
			.run((context) -> StepVerifier.create(hello(context.getBean(Connector.class)))
				.assertNext((response) -> assertThat(response.status()).isEqualTo(302))
				.expectComplete()
				.verify(PATIENCE));
		assertThat(this.server.requests()).hasSize(1);
	}

	@EachHttpTransport
	void compressionOffIsKeptOverBootsGzipDefault() {
		this.server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("plain")));
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
				"connector.clients.payments.compression=false")
			.run((context) -> StepVerifier.create(hello(context.getBean(Connector.class)))
				.expectNextCount(1)
				.expectComplete()
				.verify(PATIENCE));
		assertThat(this.server.lastRequest().headers().contains(HttpHeaders.ACCEPT_ENCODING)).isFalse();
	}

	@EachHttpTransport
	void clientWithProxyPropertiesReachesTheUpstreamThroughTheProxy() {
		this.server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("proxied")));
		try (LoopbackProxy proxy = LoopbackProxy.start()) {
			this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.proxy.host=127.0.0.1",
					"connector.clients.payments.proxy.port=" + proxy.port(),
					"connector.clients.payments.proxy.username=relay",
					"connector.clients.payments.proxy.password=relay-password")
				.run((context) -> StepVerifier.create(hello(context.getBean(Connector.class)))
					.assertNext((response) -> assertThat(response.bodyAsString()).isEqualTo("proxied"))
					.expectComplete()
					.verify(PATIENCE));
			assertThat(proxy.tunnels()).singleElement()
				.satisfies((tunnel) -> assertThat(tunnel.proxyAuthorization()).startsWith("Basic "));
		}
	}

}
