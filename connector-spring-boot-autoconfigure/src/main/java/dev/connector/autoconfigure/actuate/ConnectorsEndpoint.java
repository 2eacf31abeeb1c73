package dev.connector.autoconfigure.actuate;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.connector.Connector;
import dev.connector.ConnectorRegistry;
import dev.connector.config.ClientSettings;
import dev.connector.transport.ConnectionPoolView;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.http.HttpHeaders;
import org.springframework.util.ReflectionUtils;

/**
 * The {@code connectors} endpoint: each client's effective configuration (its resolved
 * {@link ClientSettings}, after the defaults and the client's own values were merged), its
 * transport, its Resilience4j instances and, under {@code connectionPool}, its connection
 * pool's current numbers (active, idle, total, pending, maxConnections). Read-only. Every setting is shown as the
 * settings records hold it, so a new setting appears here without a change to this class.
 * <p>
 * Values of headers in a client's {@code logging.redact-headers} (Authorization and the like)
 * are secrets: they are masked unless {@code management.endpoint.connectors.show-values}
 * allows them, as for Spring Boot's {@code env} and {@code configprops} endpoints; the
 * application's {@code SanitizingFunction} beans apply to every value.
 *
 * @since 0.1.0
 */
@Endpoint(id = "connectors")
public class ConnectorsEndpoint {

	private final ConnectorRegistry connectors;

	private final Sanitizer sanitizer;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * Create the endpoint.
	 * @param connectors the clients
	 * @param sanitizer masks values
	 * @param showValues when secrets are shown
	 * @param roles the roles that may see secrets when {@code WHEN_AUTHORIZED}
	 */
	public ConnectorsEndpoint(ConnectorRegistry connectors, Sanitizer sanitizer, Show showValues, Set<String> roles) {
		this.connectors = connectors;
		this.sanitizer = sanitizer;
		this.showValues = showValues;
		this.roles = roles;
	}

	/**
	 * Describe every client.
	 * @param securityContext the caller's security context
	 * @return the clients by name
	 */
	@ReadOperation
	public Map<String, Object> connectors(SecurityContext securityContext) {
		boolean showSecrets = this.showValues.isShown(securityContext, this.roles);
		Map<String, Object> clients = new LinkedHashMap<>();
		for (String name : this.connectors.names()) {
			clients.put(name, describe(this.connectors.get(name), showSecrets));
		}
		return Map.of("clients", clients);
	}

	/**
	 * Describe one client.
	 * @param securityContext the caller's security context
	 * @param name the client's name
	 * @return the client, or {@code null} (404) when no client has that name
	 */
	@ReadOperation
	public Map<String, Object> connector(SecurityContext securityContext, @Selector String name) {
		if (!this.connectors.names().contains(name)) {
			return null;
		}
		return describe(this.connectors.get(name), this.showValues.isShown(securityContext, this.roles));
	}

	/**
	 * Describe the resolved settings by walking the records' components, so that every
	 * setting is shown without being listed here: records become objects keyed by their
	 * component names, collections sorted lists, enums lower case, durations and URLs
	 * strings. Every value passes through the sanitizer under its kebab-case key below
	 * {@code connector.clients.<name>}; header values named in the client's
	 * {@code logging.redact-headers} are shown only when secrets may be.
	 */
	private Map<String, Object> describe(Connector connector, boolean showSecrets) {
		ClientSettings settings = connector.settings();
		Set<String> secretHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		secretHeaders.addAll(settings.logging().redactHeaders());
		Secrets secrets = new Secrets(secretHeaders, showSecrets);
		Map<String, Object> client = describeRecord(settings, "connector.clients." + settings.name(), secrets);
		client.put("resilience4jInstances", instances(settings));
		connector.pool().ifPresent((pool) -> client.put("connectionPool", describePool(pool)));
		return client;
	}

	/**
	 * The pool's numbers as they are now; they are not configuration, so not sanitized.
	 */
	private static Map<String, Object> describePool(ConnectionPoolView pool) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("name", pool.name());
		description.put("active", pool.active());
		description.put("idle", pool.idle());
		description.put("total", pool.total());
		description.put("pending", pool.pending());
		description.put("maxConnections", pool.maxConnections());
		return description;
	}

	private Map<String, Object> describeRecord(Record record, String key, Secrets secrets) {
		Map<String, Object> description = new LinkedHashMap<>();
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			Object value = ReflectionUtils.invokeMethod(component.getAccessor(), record);
			String componentKey = key + "." + kebabCase(component.getName());
			description.put(component.getName(), describeValue(value, componentKey, secrets));
		}
		return description;
	}

	private Object describeValue(Object value, String key, Secrets secrets) {
		if (value instanceof HttpHeaders headers) {
			return describeHeaders(headers, key, secrets);
		}
		if (value instanceof Record record) {
			return describeRecord(record, key, secrets);
		}
		if (value instanceof Collection<?> collection) {
			return sanitize(key, sorted(collection));
		}
		if (value instanceof Enum<?> constant) {
			return sanitize(key, constant.name().toLowerCase(Locale.ROOT));
		}
		if (value == null || value instanceof Number || value instanceof Boolean) {
			return sanitize(key, value);
		}
		return sanitize(key, value.toString());
	}

	private Map<String, Object> describeHeaders(HttpHeaders headers, String key, Secrets secrets) {
		Map<String, Object> description = new LinkedHashMap<>();
		headers.forEach((header, values) -> {
			SanitizableData data = new SanitizableData(null, key + "." + header, String.join(",", values));
			boolean shown = secrets.shown() || !secrets.headers().contains(header);
			description.put(header, this.sanitizer.sanitize(data, shown));
		});
		return description;
	}

	private Object sanitize(String key, Object value) {
		return this.sanitizer.sanitize(new SanitizableData(null, key, value), true);
	}

	private static List<?> sorted(Collection<?> values) {
		boolean comparable = values.stream().allMatch(Comparable.class::isInstance);
		return comparable ? values.stream().sorted().toList() : List.copyOf(values);
	}

	private static String kebabCase(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	/**
	 * Name the Resilience4j instances the client registered, by kind: each under the
	 * client's name, in the application's registries.
	 */
	private static Map<String, String> instances(ClientSettings settings) {
		Map<String, String> instances = new LinkedHashMap<>();
		if (settings.retry().enabled()) {
			instances.put("retry", settings.name());
		}
		if (settings.attemptTimeout() != null) {
			instances.put("timeLimiter", settings.name());
		}
		if (settings.circuitBreaker().enabled()) {
			instances.put("circuitBreaker", settings.name());
		}
		if (settings.bulkhead().enabled()) {
			instances.put("bulkhead", settings.name());
		}
		if (settings.rateLimiter().enabled()) {
			instances.put("rateLimiter", settings.name());
		}
		return instances;
	}

	/**
	 * Which of a client's header values are secrets, and whether the caller may see them.
	 */
	private record Secrets(Set<String> headers, boolean shown) {

	}

}
