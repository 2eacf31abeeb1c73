package dev.connector;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriUtils;

/**
 * Turns a request's path (or absolute URI) and query into the URI to send, encoding the
 * path and query values. The base URL is prepared once per client; without one, the path
 * is sent as a relative URI for transports that do not speak URLs.
 */
final class UriResolver {

	private static final int CACHED_PATHS = 1024;

	private final String base;

	/**
	 * Resolved URIs of query-less paths: most clients call a few paths over and over, and
	 * parsing a URI is a measurable part of a call. Bounded: once full, new paths are
	 * resolved every time.
	 */
	private final Map<String, URI> byPath = new ConcurrentHashMap<>();

	UriResolver(URI baseUrl) {
		String base = (baseUrl != null) ? baseUrl.toString() : null;
		while (base != null && base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		this.base = base;
	}

	URI resolve(ConnectorRequest request) {
		if (request.uri() == null && request.query().isEmpty()) {
			URI cached = this.byPath.get(request.path());
			if (cached != null) {
				return cached;
			}
			URI uri = resolveTarget(request);
			if (this.byPath.size() < CACHED_PATHS) {
				this.byPath.put(request.path(), uri);
			}
			return uri;
		}
		return resolveTarget(request);
	}

	private URI resolveTarget(ConnectorRequest request) {
		String target;
		if (request.uri() != null) {
			target = request.uri().toString();
		}
		else if (this.base != null) {
			String path = request.path();
			target = this.base + ((path.isEmpty() || path.startsWith("/")) ? "" : "/")
					+ UriUtils.encodePath(path, StandardCharsets.UTF_8);
		}
		else {
			// no base URL (a non-HTTP transport): the path travels as a relative URI
			target = UriUtils.encodePath(request.path(), StandardCharsets.UTF_8);
		}
		MultiValueMap<String, String> query = request.query();
		if (query.isEmpty()) {
			return URI.create(target);
		}
		StringBuilder uri = new StringBuilder(target);
		char separator = (target.indexOf('?') < 0) ? '?' : '&';
		for (Map.Entry<String, List<String>> param : query.entrySet()) {
			String name = UriUtils.encodeQueryParam(param.getKey(), StandardCharsets.UTF_8);
			for (String value : param.getValue()) {
				uri.append(separator).append(name).append('=')
					.append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		return URI.create(uri.toString());
	}

}
