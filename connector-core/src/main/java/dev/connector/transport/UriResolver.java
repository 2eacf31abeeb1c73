package dev.connector.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.connector.ConnectorRequest;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriUtils;

/**
 * Turns a request's path (or absolute URI) and query into the URI a {@link Transport}
 * receives in its {@link TransportRequest}, encoding the path and query values. The base URL
 * is prepared once per client; without one, the path is sent as a relative URI for
 * transports that do not speak URLs. Thread-safe.
 *
 * @since 0.1.0
 */
public final class UriResolver {

	private static final int CACHE_SLOTS = 256;

	private final String base;

	/**
	 * Resolved URIs of query-less paths, one per slot by the path's hash: most clients call
	 * a few paths over and over, and parsing a URI is a measurable part of a call. A path
	 * that lands in an occupied slot replaces its entry, so paths that never repeat (ids)
	 * cost one slot each for a while and never fill the cache for good.
	 */
	private final Entry[] cache = new Entry[CACHE_SLOTS];

	/**
	 * Create a resolver.
	 * @param baseUrl the client's base URL, or {@code null} for none
	 */
	public UriResolver(URI baseUrl) {
		String base = (baseUrl != null) ? baseUrl.toString() : null;
		while (base != null && base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		this.base = base;
	}

	/**
	 * Resolve a request's target.
	 * @param request the request
	 * @return the URI to send it to
	 * @throws IllegalArgumentException if the result is not a valid URI
	 */
	public URI resolve(ConnectorRequest request) {
		if (request.uri() != null || !request.query().isEmpty() || request.uriTemplate() != null) {
			// templated paths (already encoded, often one per id) bypass the cache
			return resolveTarget(request);
		}
		String path = request.path();
		int slot = spread(path.hashCode()) & (CACHE_SLOTS - 1);
		Entry entry = this.cache[slot];
		if (entry != null && entry.path.equals(path)) {
			return entry.uri;
		}
		URI uri = resolveTarget(request);
		// a racy store of an immutable entry: at worst another thread resolves the path again
		this.cache[slot] = new Entry(path, uri);
		return uri;
	}

	/**
	 * Resolve a request's target for an error message or an observation, where a target
	 * that is not a valid URI has already failed the call and said so.
	 * @param request the request
	 * @return the URI, or {@code null} if it is not valid
	 */
	public URI resolveOrNull(ConnectorRequest request) {
		try {
			return resolve(request);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static int spread(int hash) {
		return hash ^ (hash >>> 16);
	}

	private URI resolveTarget(ConnectorRequest request) {
		String target;
		if (request.uri() != null) {
			target = request.uri().toString();
		}
		else if (this.base != null) {
			String path = request.path();
			target = this.base + ((path.isEmpty() || path.startsWith("/")) ? "" : "/") + encodedPath(request);
		}
		else {
			// no base URL (a non-HTTP transport): the path travels as a relative URI
			target = encodedPath(request);
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

	private static String encodedPath(ConnectorRequest request) {
		// a path expanded from a template was encoded as it was expanded
		return (request.uriTemplate() != null) ? request.path()
				: UriUtils.encodePath(request.path(), StandardCharsets.UTF_8);
	}

	private record Entry(String path, URI uri) {
	}

}
