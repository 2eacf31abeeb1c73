package dev.connector.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.connector.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Catches typos under {@code connector.defaults} and {@code connector.clients.<name>}, which
 * Spring Boot's binder would silently ignore: every key the environment has there must be a
 * property of {@link ClientProperties} (any key below a map such as {@code headers}), else
 * start-up stops with the key, the client and the nearest valid key.
 */
final class ClientPropertyKeys {

	private static final Logger logger = LoggerFactory.getLogger(ClientPropertyKeys.class);

	/** Deprecated keys, still bound but ignored, by their replacement. */
	private static final Map<String, String> DEPRECATED = Map.of("connector.observation.context-propagation",
			"spring.reactor.context-propagation");

	/** Known keys, relative to a client, in dashed form, by their uniform form. */
	private static final Map<String, String> KNOWN = known();

	/** Known map properties, relative to a client, below which any key is accepted. */
	private static final List<String> MAPS = maps();

	private ClientPropertyKeys() {
	}

	/**
	 * Fail on the first unknown key under {@code connector.defaults} or
	 * {@code connector.clients.<name>}.
	 * @param environment the application's environment
	 * @throws ConfigurationException naming the unknown key and suggesting the nearest one
	 */
	static void check(Environment environment) {
		ConfigurationPropertyName defaults = ConfigurationPropertyName.of(ClientSettingsResolver.PREFIX + ".defaults");
		ConfigurationPropertyName clients = ConfigurationPropertyName.of(ClientSettingsResolver.PREFIX + ".clients");
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.stream().forEach((name) -> {
				if (defaults.isAncestorOf(name)) {
					check(null, name, defaults.getNumberOfElements());
				}
				else if (clients.isAncestorOf(name) && name.getNumberOfElements() > clients.getNumberOfElements() + 1) {
					check(name.getElement(clients.getNumberOfElements(), Form.ORIGINAL), name,
							clients.getNumberOfElements() + 1);
				}
			});
		}
	}

	/**
	 * Warn once per deprecated key the environment sets, naming its replacement: a key that
	 * is ignored now should not be so silently.
	 * @param environment the application's environment
	 */
	static void warnDeprecated(Environment environment) {
		DEPRECATED.forEach((key, replacement) -> {
			if (environment.containsProperty(key)) {
				logger.warn("event=connector.config.deprecated key={} replacement={} ignored=true", key, replacement);
			}
		});
	}

	private static void check(String client, ConfigurationPropertyName name, int start) {
		StringBuilder key = new StringBuilder();
		for (int i = start; i < name.getNumberOfElements(); i++) {
			if (name.isNumericIndex(i)) {
				// an element of a list, such as retry.retry-on-status[0]
				break;
			}
			if (!key.isEmpty()) {
				key.append('.');
			}
			key.append(name.getElement(i, Form.DASHED));
			String uniform = uniform(key);
			if (MAPS.contains(uniform)) {
				return;
			}
		}
		if (KNOWN.containsKey(uniform(key))) {
			return;
		}
		String nearest = nearest(key.toString());
		String property = name.toString();
		String base = name.chop(start).toString();
		throw new ConfigurationException(client, property,
				"'" + key + "' is not a Connector client property"
						+ ((nearest != null) ? "; did you mean '" + nearest + "'?" : ""),
				(nearest != null) ? "Replace '" + property + "' with '" + base + "." + nearest + "'."
						: "Remove '" + property
								+ "', or use a key of the configuration reference in the Connector README (an IDE completes them).");
	}

	private static String uniform(CharSequence key) {
		return key.toString().replace("-", "").toLowerCase(Locale.ROOT);
	}

	/** The known key with the smallest edit distance, if it is near enough to be a typo. */
	private static String nearest(String key) {
		String nearest = null;
		int best = Integer.MAX_VALUE;
		for (String candidate : KNOWN.values()) {
			int distance = distance(key, candidate);
			if (distance < best) {
				best = distance;
				nearest = candidate;
			}
		}
		return (best <= Math.max(2, key.length() / 3)) ? nearest : null;
	}

	/** Levenshtein distance. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static Map<String, String> known() {
		Map<String, String> known = new LinkedHashMap<>();
		walk(ClientProperties.class, "", known, new ArrayList<>());
		return known;
	}

	private static List<String> maps() {
		List<String> maps = new ArrayList<>();
		walk(ClientProperties.class, "", new LinkedHashMap<>(), maps);
		return List.copyOf(maps);
	}

	/**
	 * Collect the properties of a properties class as the binder sees them: leaves, and
	 * nested groups (our own classes) walked into.
	 */
	private static void walk(Class<?> type, String prefix, Map<String, String> known, List<String> maps) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || "class".equals(descriptor.getName())) {
				continue;
			}
			String key = dashed(descriptor.getName(), prefix);
			Class<?> propertyType = descriptor.getPropertyType();
			if (Map.class.isAssignableFrom(propertyType)) {
				maps.add(uniform(key));
				known.put(uniform(key), key);
			}
			else if (isGroup(propertyType)) {
				// the group itself too: YAML's "retry:" with nothing below is an empty value
				known.put(uniform(key), key);
				walk(propertyType, key + ".", known, maps);
			}
			else {
				known.put(uniform(key), key);
			}
		}
	}

	private static boolean isGroup(Class<?> type) {
		return type.getName().startsWith(ClientProperties.class.getName() + "$") && !type.isEnum()
				&& !Collection.class.isAssignableFrom(type);
	}

	private static String dashed(String propertyName, String prefix) {
		StringBuilder dashed = new StringBuilder(prefix);
		for (char c : propertyName.toCharArray()) {
			if (Character.isUpperCase(c)) {
				dashed.append('-').append(Character.toLowerCase(c));
			}
			else {
				dashed.append(c);
			}
		}
		return dashed.toString();
	}

}
