package dev.connector.autoconfigure;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connector.config.ClientSettings;

import org.springframework.http.HttpHeaders;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Writes the built-in default of every {@code connector.defaults.*} property into the
 * configuration metadata that Spring Boot's annotation processor generated, as its
 * {@code defaultValue}, so that IDEs show it. Run by the build (exec-maven-plugin, phase
 * {@code process-test-classes}), after compilation and before the tests and the jar.
 * <p>
 * The defaults come from the settings records ({@link ClientSettings} of a client that sets
 * nothing), their single source of truth. The annotation processor cannot find them:
 * {@link ClientProperties} fields must stay {@code null}, meaning "inherit", so they have no
 * initializers to read. A property finds its setting by name: its dot-separated parts, in
 * camel case, name record components, and neighbouring parts may be joined into one name
 * ({@code retry.max-attempts} is {@code retry().maxAttempts()}, {@code health.probe.path}
 * is {@code health().probePath()}). A property without a setting of its name (such as
 * {@code url}) or whose built-in value is unset or empty gets no default.
 */
public final class ConfigurationMetadataDefaults {

	static final String PREFIX = ClientSettingsResolver.PREFIX + ".defaults.";

	private static final ClientSettings BUILT_IN = ClientSettings.builder("defaults").build();

	private static final List<Map.Entry<String, Duration>> DURATION_UNITS = List.of(
			Map.entry("d", Duration.ofDays(1)), Map.entry("h", Duration.ofHours(1)),
			Map.entry("m", Duration.ofMinutes(1)), Map.entry("s", Duration.ofSeconds(1)),
			Map.entry("ms", Duration.ofMillis(1)), Map.entry("us", Duration.ofNanos(1000)),
			Map.entry("ns", Duration.ofNanos(1)));

	private static final List<Map.Entry<String, DataSize>> DATA_SIZE_UNITS = List.of(
			Map.entry("TB", DataSize.ofTerabytes(1)), Map.entry("GB", DataSize.ofGigabytes(1)),
			Map.entry("MB", DataSize.ofMegabytes(1)), Map.entry("KB", DataSize.ofKilobytes(1)),
			Map.entry("B", DataSize.ofBytes(1)));

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private ConfigurationMetadataDefaults() {
	}

	/**
	 * Add the built-in defaults to a metadata file, in place.
	 * @param args the path of {@code spring-configuration-metadata.json}
	 * @throws IOException if the file cannot be read or written
	 */
	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0]);
		JsonNode metadata = MAPPER.readTree(file.toFile());
		for (JsonNode property : metadata.path("properties")) {
			JsonNode defaultValue = defaultValue(property.path("name").asText(), property.path("type").asText());
			if (defaultValue != null) {
				((ObjectNode) property).set("defaultValue", defaultValue);
			}
		}
		MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), metadata);
	}

	/**
	 * Return the built-in value of the setting a property names.
	 * @param property a property name, such as {@code connector.defaults.retry.max-attempts}
	 * @return the setting (its value may be {@code null}), or empty when the property is not
	 * under {@code connector.defaults} or names no setting
	 */
	static Optional<Setting> setting(String property) {
		if (!property.startsWith(PREFIX)) {
			return Optional.empty();
		}
		return find(BUILT_IN, List.of(property.substring(PREFIX.length()).split("\\.")));
	}

	/**
	 * Return the metadata {@code defaultValue} of a property: its built-in value in the
	 * notation of {@code application.properties}.
	 * @param property the property name
	 * @param type the property's type, as the metadata names it
	 * @return the value, or {@code null} when the property has no built-in value
	 */
	static JsonNode defaultValue(String property, String type) {
		return setting(property).map((setting) -> json(setting.value(), type)).orElse(null);
	}

	private static Optional<Setting> find(Object value, List<String> parts) {
		if (parts.isEmpty()) {
			return Optional.of(new Setting(value));
		}
		if (!(value instanceof Record record)) {
			return Optional.empty();
		}
		for (int joined = parts.size(); joined > 0; joined--) {
			String name = camelCase(parts.subList(0, joined));
			for (RecordComponent component : record.getClass().getRecordComponents()) {
				if (component.getName().equals(name)) {
					Object componentValue = ReflectionUtils.invokeMethod(component.getAccessor(), record);
					Optional<Setting> found = find(componentValue, parts.subList(joined, parts.size()));
					if (found.isPresent()) {
						return found;
					}
				}
			}
		}
		return Optional.empty();
	}

	private static String camelCase(List<String> kebabCaseParts) {
		String joined = kebabCaseParts.stream()
			.flatMap((part) -> Arrays.stream(part.split("-")))
			.map(StringUtils::capitalize)
			.collect(Collectors.joining());
		return StringUtils.uncapitalize(joined);
	}

	private static JsonNode json(Object value, String type) {
		if (value == null) {
			return null;
		}
		if (value instanceof Duration duration) {
			return MAPPER.valueToTree(duration(duration));
		}
		if (value instanceof Number number && type.equals(DataSize.class.getName())) {
			return MAPPER.valueToTree(dataSize(number.longValue()));
		}
		if (value instanceof Enum<?> constant) {
			return MAPPER.valueToTree(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
		}
		if (value instanceof HttpHeaders headers) {
			// not a Map on Framework 7, so named before Map
			return headers.isEmpty() ? null : MAPPER.valueToTree(headers.toSingleValueMap());
		}
		if (value instanceof Map<?, ?> map) {
			return map.isEmpty() ? null : MAPPER.valueToTree(map);
		}
		if (value instanceof Collection<?> collection) {
			if (collection.isEmpty()) {
				return null;
			}
			ArrayNode array = MAPPER.createArrayNode();
			collection.stream().sorted().forEach((element) -> array.add(json(element, "")));
			return array;
		}
		if (value instanceof Record) {
			throw new IllegalStateException("A property names a group of settings: " + value);
		}
		return MAPPER.valueToTree((value instanceof Number || value instanceof Boolean) ? value : value.toString());
	}

	private static String duration(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		for (Map.Entry<String, Duration> unit : DURATION_UNITS) {
			if (duration.toNanos() % unit.getValue().toNanos() == 0) {
				return (duration.toNanos() / unit.getValue().toNanos()) + unit.getKey();
			}
		}
		throw new IllegalStateException("Unreachable: a duration is a whole number of nanoseconds");
	}

	private static String dataSize(long bytes) {
		for (Map.Entry<String, DataSize> unit : DATA_SIZE_UNITS) {
			if (bytes != 0 && bytes % unit.getValue().toBytes() == 0) {
				return (bytes / unit.getValue().toBytes()) + unit.getKey();
			}
		}
		return bytes + "B";
	}

	/**
	 * The built-in value of one setting.
	 *
	 * @param value the value, or {@code null} when the setting is unset by default
	 */
	record Setting(Object value) {

	}

}
