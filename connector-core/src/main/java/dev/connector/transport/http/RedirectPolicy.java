package dev.connector.transport.http;

import java.net.URI;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;

/**
 * How a client follows redirects: not at all unless {@code follow-redirects} is on, and then
 * never with credentials to another origin (scheme, host and port): a redirected request
 * whose chain has left the origin of the first request loses its {@code Authorization},
 * {@code Proxy-Authorization} and {@code Cookie} headers and the client's
 * {@code auth.api-key.header}. Reactor Netty removes the first three itself when one hop
 * changes host; this also covers the API key and a chain that leaves and comes back.
 */
final class RedirectPolicy implements Consumer<HttpClientRequest> {

	private static final BiPredicate<HttpClientRequest, HttpClientResponse> REDIRECT_STATUS = (request,
			response) -> switch (response.status().code()) {
				case 301, 302, 303, 307, 308 -> true;
				default -> false;
			};

	private final String apiKeyHeader;

	private RedirectPolicy(String apiKeyHeader) {
		this.apiKeyHeader = apiKeyHeader;
	}

	/**
	 * Apply the redirect policy of the settings to a client.
	 * @param httpClient the client
	 * @param settings the settings
	 * @return the client with the policy
	 */
	static HttpClient apply(HttpClient httpClient, ClientSettings settings) {
		if (!settings.followRedirects()) {
			return httpClient.followRedirect(false);
		}
		AuthSettings.ApiKeySettings apiKey = settings.auth().apiKey();
		return httpClient.followRedirect(REDIRECT_STATUS,
				new RedirectPolicy((apiKey != null) ? apiKey.header() : null));
	}

	@Override
	public void accept(HttpClientRequest redirect) {
		String[] chain = redirect.redirectedFrom();
		if (chain.length == 0) {
			return;
		}
		String origin = origin(chain[0]);
		boolean leftOrigin = !origin.equals(origin(redirect.resourceUrl()));
		for (int i = 1; i < chain.length && !leftOrigin; i++) {
			leftOrigin = !origin.equals(origin(chain[i]));
		}
		if (leftOrigin) {
			HttpHeaders headers = redirect.requestHeaders();
			headers.remove(HttpHeaderNames.AUTHORIZATION)
				.remove(HttpHeaderNames.PROXY_AUTHORIZATION)
				.remove(HttpHeaderNames.COOKIE);
			if (this.apiKeyHeader != null) {
				headers.remove(this.apiKeyHeader);
			}
		}
	}

	/**
	 * Return scheme, host and port of a URL, the port made explicit; an unparsable URL is
	 * an origin of its own, so that credentials do not follow it.
	 */
	static String origin(String url) {
		try {
			URI uri = URI.create(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			int port = uri.getPort();
			if (port == -1) {
				port = ("https".equals(scheme) || "wss".equals(scheme)) ? 443 : 80;
			}
			String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : null;
			return (host != null) ? scheme + "://" + host + ":" + port : url;
		}
		catch (IllegalArgumentException ex) {
			return "unparsable:" + url;
		}
	}

}
