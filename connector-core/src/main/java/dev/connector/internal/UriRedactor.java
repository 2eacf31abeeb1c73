package dev.connector.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;

/**
 * Masks the secrets a URI may carry before it is shown anywhere (a log line, an exception,
 * an observation): the values of the query parameters in {@code logging.redact-query-params}
 * and of the client's {@code auth.api-key.query-param}, matched ignoring case, and the
 * password of any user info. The URI that is sent is never changed.
 */
final class UriRedactor {

	private final Set<String> parameters;

	private UriRedactor(Set<String> parameters) {
		this.parameters = parameters;
	}

	static UriRedactor of(ClientSettings settings) {
		Set<String> parameters = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		parameters.addAll(settings.logging().redactQueryParams());
		AuthSettings auth = settings.auth();
		if (auth.type() == AuthSettings.Type.API_KEY && auth.apiKey().queryParam() != null) {
			parameters.add(auth.apiKey().queryParam());
		}
		return new UriRedactor(parameters);
	}

	/**
	 * Return the URI with its secrets masked, or the same URI when it carries none.
	 * @param uri a URI, or {@code null}
	 * @return the URI to show
	 */
	URI redact(URI uri) {
		if (uri == null || (uri.getRawQuery() == null && uri.getRawUserInfo() == null)) {
			return uri;
		}
		String query = redactQuery(uri.getRawQuery());
		String userInfo = redactUserInfo(uri.getRawUserInfo());
		if (query == uri.getRawQuery() && userInfo == uri.getRawUserInfo()) {
			return uri;
		}
		StringBuilder text = new StringBuilder();
		text.append(uri.getScheme()).append("://");
		if (userInfo != null) {
			text.append(userInfo).append('@');
		}
		text.append(uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1));
		if (uri.getRawPath() != null) {
			text.append(uri.getRawPath());
		}
		if (query != null) {
			text.append('?').append(query);
		}
		if (uri.getRawFragment() != null) {
			text.append('#').append(uri.getRawFragment());
		}
		try {
			return new URI(text.toString());
		}
		catch (URISyntaxException ex) {
			// cannot happen for a URI rebuilt from its own raw parts; show nothing rather than a secret
			return URI.create(uri.getScheme() + "://" + uri.getHost());
		}
	}

	private String redactQuery(String query) {
		if (query == null || this.parameters.isEmpty()) {
			return query;
		}
		String[] pairs = query.split("&", -1);
		boolean changed = false;
		for (int i = 0; i < pairs.length; i++) {
			int equals = pairs[i].indexOf('=');
			if (equals >= 0 && this.parameters.contains(decode(pairs[i].substring(0, equals)))) {
				pairs[i] = pairs[i].substring(0, equals + 1) + Secret.MASK;
				changed = true;
			}
		}
		return changed ? String.join("&", pairs) : query;
	}

	private static String redactUserInfo(String userInfo) {
		if (userInfo == null || userInfo.indexOf(':') < 0) {
			return userInfo;
		}
		return userInfo.substring(0, userInfo.indexOf(':') + 1) + Secret.MASK;
	}

	private static String decode(String name) {
		try {
			return URLDecoder.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

}
