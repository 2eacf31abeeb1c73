package dev.connector.transport.http;

import java.time.Duration;
import java.util.function.UnaryOperator;

import dev.connector.ConfigurationException;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.TransportException;
import dev.connector.config.ClientSettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import dev.connector.test.TestCertificates;
import dev.connector.transport.TransportFactory;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TLS on the {@code http} and {@code netty} transports without Spring Boot: certificates
 * and host names are verified, a failure says what to configure, and an
 * {@link HttpConnectorFactory} (for {@code netty} a {@code NettyClientFactory}) brings the
 * trust material.
 */
class HttpTransportTlsTest {

	private final HttpTransportUnderTest transport;

	HttpTransportTlsTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}


	private static final Duration PATIENCE = Duration.ofSeconds(10);

	@AutoClose
	private LoopbackServer server;

	@AutoClose
	private Connector connector;

	private LoopbackServer httpsServer(TestCertificates.Certificate certificate) {
		this.server = LoopbackServer.start(
				(server) -> server.secure((ssl) -> ssl.sslContext(
						Http11SslContextSpec.forServer(certificate.privateKey(), certificate.certificate()))),
				(request, response) -> response.sendString(Mono.just("secret-free hello")));
		return this.server;
	}

	/** Trusts exactly the given certificate, as a core user's own connector factory would. */
	private static UnaryOperator<HttpClient> trusting(TestCertificates.Certificate certificate) {
		return (httpClient) -> httpClient.secure((ssl) -> ssl
			.sslContext(Http11SslContextSpec.forClient().configure((tls) -> tls.trustManager(certificate.certificate()))));
	}

	private Connector client(String baseUrl, UnaryOperator<HttpClient> tls) {
		TransportFactory transports = this.transport.factory((tls != null) ? tls : UnaryOperator.identity());
		this.connector = this.transport.builder("payments")
			.settings((s) -> s.baseUrl(baseUrl).timeout(PATIENCE).retry(ClientSettings.RetrySettings.DEFAULTS.toBuilder().enabled(false).build()))
			.transportFactory(transports)
			.build();
		return this.connector;
	}

	@EachHttpTransport
	void selfSignedServerCertificateIsRejectedWithAMessageNamingTheSslBundleProperty() {
		Connector payments = client(httpsServer(TestCertificates.server()).baseUrl(), null);
		StepVerifier.create(payments.request(ConnectorRequest.get("/hello").build()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TransportException.class)
				.hasMessageContaining("the server's certificate was not trusted")
				.hasMessageContaining("connector.clients.payments.ssl.bundle"))
			.verify(PATIENCE);
		assertThat(this.server.requests()).isEmpty();
	}

	@EachHttpTransport
	void connectorFactoryThatTrustsTheCertificateGetsThrough() {
		TestCertificates.Certificate certificate = TestCertificates.server();
		Connector payments = client(httpsServer(certificate).baseUrl(), trusting(certificate));
		StepVerifier.create(payments.request(ConnectorRequest.get("/hello").build()))
			.assertNext((response) -> assertThat(response.bodyAsString()).isEqualTo("secret-free hello"))
			.expectComplete()
			.verify(PATIENCE);
	}

	@EachHttpTransport
	void hostNameIsVerifiedEvenWhenTheCertificateIsTrusted() {
		TestCertificates.Certificate localhostOnly = TestCertificates.localhostOnly();
		Connector payments = client(httpsServer(localhostOnly).baseUrl(), trusting(localhostOnly));
		StepVerifier.create(payments.request(ConnectorRequest.get("/hello").build()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TransportException.class)
				.hasMessageContaining("the server's certificate is not for this host"))
			.verify(PATIENCE);
		assertThat(this.server.requests()).isEmpty();
	}

	@EachHttpTransport
	void sslBundleNeedsSpringBoot() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> this.transport.builder("payments")
				.settings((s) -> s.baseUrl("https://127.0.0.1:8443").ssl(new ClientSettings.SslSettings("upstream")))
				.build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("ssl.bundle"))
			.withMessageContaining("SSL bundles need Spring Boot")
			.withMessageContaining(this.transport.type().equals("netty") ? "NettyClientFactory" : "HttpConnectorFactory");
	}

}
