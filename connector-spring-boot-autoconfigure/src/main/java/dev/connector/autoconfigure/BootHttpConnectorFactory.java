package dev.connector.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings;
import dev.connector.transport.http.HttpConnectorFactory;
import dev.connector.transport.http.PooledHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.tcp.AbstractProtocolSslContextSpec;
import reactor.netty.tcp.SslProvider;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientConfig;

import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.ReactorHttpClientBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * Builds each {@code http} client's connector, and each {@code netty} client's
 * {@code HttpClient}, with Spring Boot's {@link ReactorHttpClientBuilder} (what Boot's
 * reactor {@code ClientHttpConnectorBuilder} builds on) from the client's own pooled
 * {@code HttpClient}: Boot
 * applies the connect and read timeouts and the client's SSL bundle
 * ({@code ssl.bundle}, looked up in {@link SslBundles}), then the application's
 * {@code HttpClient} customizations ({@link ApplicationHooks}) run in order. Two things stay the client's
 * whatever Boot or a customization does: its redirect policy (Boot's builder would replace it with
 * one that keeps credentials) and, before the customizations, its compression setting (Boot turns
 * gzip on for every connector) and its proxy (Boot 4 applies the JVM's proxy system properties).
 * <p>
 * A client with an SSL bundle follows the bundle's updates (Boot's
 * {@code reload-on-update}): its connector is rebuilt with the new material and swapped in,
 * (for {@code netty}, the client's {@code HttpClient} is), so new connections use it; the pool keys connections by their TLS settings, so pooled
 * connections made with the old material are not reused for them.
 */
final class BootHttpConnectorFactory implements HttpConnectorFactory {

	private static final Logger logger = LoggerFactory.getLogger(BootHttpConnectorFactory.class);

	private final SslBundles sslBundles;

	private final ApplicationHooks hooks;

	/**
	 * Create a factory.
	 * @param sslBundles the application's SSL bundles, or {@code null} if it has none
	 * @param hooks the application's {@code HttpClient} customizations
	 */
	BootHttpConnectorFactory(SslBundles sslBundles, ApplicationHooks hooks) {
		this.sslBundles = sslBundles;
		this.hooks = hooks;
	}

	@Override
	public ClientHttpConnector create(ClientSettings settings, HttpClient httpClient) {
		Supplier<HttpClient> clients = httpClients(settings, httpClient);
		if (settings.ssl().bundle() == null) {
			return new ReactorClientHttpConnector(clients.get());
		}
		return new ReloadableClientHttpConnector(clients);
	}

	/**
	 * Return the {@code HttpClient} of one client, built from its pooled one as the
	 * connector of an {@code http} client is, for the {@code netty} transport: the supplier
	 * returns the current client, rebuilt when the client's SSL bundle is updated.
	 * @param settings the client's settings
	 * @param httpClient the client's pooled {@code HttpClient}
	 * @return the current client
	 */
	Supplier<HttpClient> httpClients(ClientSettings settings, HttpClient httpClient) {
		String bundleName = settings.ssl().bundle();
		if (bundleName == null) {
			HttpClient built = build(settings, httpClient, null);
			return () -> built;
		}
		AtomicReference<HttpClient> current = new AtomicReference<>(
				build(settings, httpClient, bundle(this.sslBundles, settings, bundleName)));
		this.sslBundles.addBundleUpdateHandler(bundleName, (updated) -> {
			try {
				current.set(build(settings, httpClient, updated));
				logger.info("event=ssl_bundle_reloaded client={} bundle={}", settings.name(), bundleName);
			}
			catch (RuntimeException ex) {
				logger.warn("event=ssl_bundle_reload_failed client={} bundle={}: the client keeps the previous "
						+ "material", settings.name(), bundleName, ex);
			}
		});
		return current::get;
	}

	/**
	 * Return the named bundle, or fail naming the client's property and the bundles there
	 * are.
	 */
	static SslBundle bundle(SslBundles sslBundles, ClientSettings settings, String name) {
		List<String> names = (sslBundles != null) ? sslBundles.getBundleNames() : List.of();
		try {
			if (sslBundles != null) {
				return sslBundles.getBundle(name);
			}
		}
		catch (NoSuchSslBundleException ex) {
			// named below, with the bundles there are
		}
		throw new ConfigurationException(settings.name(), "ssl.bundle",
				"names SSL bundle '" + name + "' but no such bundle is configured (bundles: " + names + ")",
				"Configure it under spring.ssl.bundle.pem." + name + ".* or spring.ssl.bundle.jks." + name
						+ ".*, or name one of " + names + ".");
	}

	private HttpClient build(ClientSettings settings, HttpClient pooled, SslBundle bundle) {
		HttpClientSettings clientSettings = new HttpClientSettings(
				settings.followRedirects() ? HttpRedirects.FOLLOW : HttpRedirects.DONT_FOLLOW,
				settings.connectTimeout(), settings.readTimeout(), bundle);
		ReactorHttpClientBuilder builder = new ReactorHttpClientBuilder().withHttpClientFactory(() -> pooled)
			.withHttpClientCustomizer((client) -> client.compress(settings.compression()))
			.withHttpClientCustomizer((client) -> proxy(client, settings));
		if (bundle != null && settings.http2().enabled()) {
			// Boot's TLS context offers no ALPN, without which HTTP/2 is never negotiated
			builder = builder.withHttpClientCustomizer((client) -> http2Tls(client, bundle));
		}
		for (UnaryOperator<HttpClient> customizer : this.hooks.httpClientCustomizers()) {
			builder = builder.withHttpClientCustomizer(customizer);
		}
		HttpClientConfig policy = pooled.configuration();
		builder = builder.withHttpClientCustomizer((client) -> (policy.followRedirectPredicate() != null)
				? client.followRedirect(policy.followRedirectPredicate(), policy.redirectRequestConsumer())
				: client.followRedirect(false));
		return builder.build(clientSettings);
	}

	/**
	 * The client's own proxy setting, again: Boot 4's defaults set the JVM's proxy system
	 * properties on every client, over the proxy the pooled client was given (or its having
	 * none), where Boot 3's leave it alone.
	 */
	private static HttpClient proxy(HttpClient client, ClientSettings settings) {
		return settings.proxy().enabled() ? PooledHttpClient.proxy(client, settings.proxy()) : client.noProxy();
	}

	/**
	 * The bundle's material in a TLS context that offers HTTP/2 and HTTP/1.1 with ALPN,
	 * as Boot's own would with HTTP/1.1 only.
	 */
	private static HttpClient http2Tls(HttpClient client, SslBundle bundle) {
		return secure(client, bundle, Http2SslContextSpec.forClient());
	}

	/**
	 * Secure a client with a bundle's key and trust material and its options, in a TLS
	 * context of the given protocol spec.
	 */
	static HttpClient secure(HttpClient client, SslBundle bundle, AbstractProtocolSslContextSpec<?> spec) {
		SslManagerBundle managers = bundle.getManagers();
		SslOptions options = bundle.getOptions();
		SslProvider.ProtocolSslContextSpec configured = spec.configure((tls) -> {
			tls.keyManager(managers.getKeyManagerFactory()).trustManager(managers.getTrustManagerFactory());
			if (options.getCiphers() != null) {
				tls.ciphers(SslOptions.asSet(options.getCiphers()));
			}
			if (options.getEnabledProtocols() != null) {
				tls.protocols(options.getEnabledProtocols());
			}
		});
		return client.secure((ssl) -> ssl.sslContext(configured));
	}

}
