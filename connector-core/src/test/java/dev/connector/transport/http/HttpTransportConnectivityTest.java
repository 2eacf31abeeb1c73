package dev.connector.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.config.ClientSettings;
import dev.connector.config.ProxySettings;
import dev.connector.config.Secret;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackProxy;
import dev.connector.test.LoopbackServer;
import dev.connector.test.TestCertificates;
import dev.connector.transport.TransportFactory;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connectivity settings of the {@code http} and {@code netty} transports against real loopback servers: a
 * proxy, gzip, and HTTP/2 in clear text and over TLS.
 */
class HttpTransportConnectivityTest {

	private final HttpTransportUnderTest transport;

	HttpTransportConnectivityTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}


	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final String PAYLOAD = "{\"status\":\"settled\",\"padding\":\"" + "x".repeat(2000) + "\"}";

	@AutoClose
	private LoopbackServer server = LoopbackServer.start((request, response) -> {
		String acceptEncoding = request.headers().get(HttpHeaders.ACCEPT_ENCODING);
		if (acceptEncoding != null && acceptEncoding.contains("gzip")) {
			return response.header(HttpHeaders.CONTENT_ENCODING, "gzip").sendByteArray(Mono.just(gzip(PAYLOAD)));
		}
		return response.sendString(Mono.just(PAYLOAD));
	});

	@AutoClose
	private final LoopbackProxy proxy = LoopbackProxy.start();

	@AutoClose
	private Connector connector;

	private Connector client(Consumer<ClientSettings.Builder> settings) {
		return client(settings, this.transport.factory(UnaryOperator.identity()));
	}

	private Connector client(Consumer<ClientSettings.Builder> settings, TransportFactory transports) {
		this.connector = this.transport.builder("payments").settings((s) -> {
			s.baseUrl(this.server.baseUrl()).timeout(PATIENCE);
			settings.accept(s);
		}).transportFactory(transports).build();
		return this.connector;
	}

	private static byte[] gzip(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void expectBody(Connector client, String body) {
		StepVerifier.create(client.request(ConnectorRequest.get("/charges/1").build()))
			.assertNext((response) -> assertThat(response.bodyAsString()).isEqualTo(body))
			.expectComplete()
			.verify(PATIENCE);
	}

	private ProxySettings proxy(String nonProxyHosts) {
		return new ProxySettings(ProxySettings.Type.HTTP, "127.0.0.1", this.proxy.port(), nonProxyHosts, "relay",
				Secret.of("relay-password"));
	}

	@EachHttpTransport
	void callGoesThroughTheConfiguredProxyWithItsCredentials() {
		Connector payments = client((s) -> s.proxy(proxy(null)));
		expectBody(payments, PAYLOAD);
		assertThat(this.proxy.tunnels()).hasSize(1);
		LoopbackProxy.Tunnel tunnel = this.proxy.tunnels().get(0);
		assertThat(tunnel.target()).isEqualTo("127.0.0.1:" + this.server.port());
		assertThat(tunnel.proxyAuthorization()).isEqualTo("Basic "
				+ Base64.getEncoder().encodeToString("relay:relay-password".getBytes(StandardCharsets.UTF_8)));
		assertThat(this.server.requests()).hasSize(1);
	}

	@EachHttpTransport
	void hostMatchingNonProxyHostsIsReachedDirectly() {
		Connector payments = client((s) -> s.proxy(proxy("127\\.0\\.0\\.1")));
		expectBody(payments, PAYLOAD);
		assertThat(this.proxy.tunnels()).isEmpty();
		assertThat(this.server.requests()).hasSize(1);
	}

	@EachHttpTransport
	void httpsCallTunnelsThroughTheProxyWithConnect() {
		TestCertificates.Certificate certificate = TestCertificates.server();
		this.server.close();
		this.server = LoopbackServer.start(
				(server) -> server.secure((ssl) -> ssl.sslContext(reactor.netty.http.Http11SslContextSpec
					.forServer(certificate.privateKey(), certificate.certificate()))),
				(request, response) -> response.sendString(Mono.just("over tls")));
		Connector payments = client((s) -> s.proxy(proxy(null)),
				this.transport.factory((httpClient) -> httpClient.secure((ssl) -> ssl.sslContext(
						reactor.netty.http.Http11SslContextSpec.forClient()
							.configure((tls) -> tls.trustManager(certificate.certificate()))))));
		expectBody(payments, "over tls");
		assertThat(this.proxy.tunnels()).extracting(LoopbackProxy.Tunnel::target)
			.containsExactly("127.0.0.1:" + this.server.port());
	}

	@EachHttpTransport
	void gzipEncodedResponseIsDecoded() {
		Connector payments = client((s) -> {
		});
		expectBody(payments, PAYLOAD);
		assertThat(this.server.lastRequest().headers().get(HttpHeaders.ACCEPT_ENCODING)).contains("gzip");
	}

	@EachHttpTransport
	void withoutCompressionNoAcceptEncodingIsSent() {
		Connector payments = client((s) -> s.compression(false));
		expectBody(payments, PAYLOAD);
		assertThat(this.server.lastRequest().headers().contains(HttpHeaders.ACCEPT_ENCODING)).isFalse();
	}

	@EachHttpTransport
	void cleartextHttp2SpeaksH2cWithPriorKnowledge() {
		this.server.close();
		this.server = LoopbackServer.start((server) -> server.protocol(HttpProtocol.H2C),
				(request, response) -> response.sendString(Mono.just("over h2c")));
		Connector payments = client((s) -> s.http2(new ClientSettings.Http2Settings(false, true)));
		expectBody(payments, "over h2c");
		assertThat(this.server.lastRequest().protocol()).isEqualTo("HTTP/2.0");
	}

	@EachHttpTransport
	void http2OverTlsIsNegotiatedWithAlpn() {
		TestCertificates.Certificate certificate = TestCertificates.server();
		this.server.close();
		this.server = LoopbackServer.start(
				(server) -> server.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
					.secure((ssl) -> ssl
						.sslContext(Http2SslContextSpec.forServer(certificate.privateKey(), certificate.certificate()))),
				(request, response) -> response.sendString(Mono.just("over h2")));
		Connector payments = client((s) -> s.http2(new ClientSettings.Http2Settings(true, false)),
				this.transport.factory((httpClient) -> httpClient.secure((ssl) -> ssl.sslContext(
						Http2SslContextSpec.forClient().configure((tls) -> tls.trustManager(certificate.certificate()))))));
		expectBody(payments, "over h2");
		assertThat(this.server.lastRequest().protocol()).isEqualTo("HTTP/2.0");
	}

	@EachHttpTransport
	void http11IsSpokenUnlessHttp2IsOn() {
		Connector payments = client((s) -> {
		});
		expectBody(payments, PAYLOAD);
		assertThat(this.server.lastRequest().protocol()).isEqualTo("HTTP/1.1");
	}

}
