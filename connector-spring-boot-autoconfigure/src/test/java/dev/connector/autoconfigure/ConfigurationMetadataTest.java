package dev.connector.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated {@code META-INF/spring-configuration-metadata.json} describes every
 * {@code connector.*} property, with its built-in default, so that IDEs complete and explain
 * them.
 */
class ConfigurationMetadataTest {

	/** The properties of the metadata by name. */
	static Map<String, JsonNode> properties() throws IOException {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		try (InputStream json = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			for (JsonNode property : new ObjectMapper().readTree(json).get("properties")) {
				properties.put(property.get("name").asText(), property);
			}
		}
		return properties;
	}

	/** The value hints of the metadata: allowed values by property name. */
	static Map<String, List<String>> hints() throws IOException {
		Map<String, List<String>> hints = new LinkedHashMap<>();
		try (InputStream json = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			for (JsonNode hint : new ObjectMapper().readTree(json).path("hints")) {
				List<String> values = new ArrayList<>();
				hint.path("values").forEach((value) -> values.add(value.get("value").asText()));
				hints.put(hint.get("name").asText(), values);
			}
		}
		return hints;
	}

	@Test
	void everyEnumerationHasAValueHintForEachOfItsValues() throws Exception {
		Map<String, List<String>> hints = hints();
		List<String> enumerations = new ArrayList<>();
		for (JsonNode property : properties().values()) {
			if (!property.get("name").asText().startsWith("connector.")) {
				continue;
			}
			Class<?> type = ClassUtils.resolveClassName(property.get("type").asText().replaceAll("<.*", ""), null);
			if (type.isEnum()) {
				String name = property.get("name").asText();
				enumerations.add(name);
				List<String> values = Arrays.stream(type.getEnumConstants())
					.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
					.toList();
				assertThat(hints.get(name)).as(name).containsExactlyInAnyOrderElementsOf(values);
			}
		}
		assertThat(enumerations).contains("connector.defaults.logging.level", "connector.defaults.auth.type",
				"connector.defaults.proxy.type");
	}

	@Test
	void transportIsHintedWithTheShippedTransports() throws Exception {
		assertThat(hints().get("connector.defaults.transport")).containsExactly("http", "netty", "websocket", "sdk");
	}

	@Test
	void contextPropagationKeyIsDeprecatedInFavourOfBootsOwn() throws Exception {
		JsonNode deprecation = properties().get("connector.observation.context-propagation").get("deprecation");
		assertThat(deprecation.get("replacement").asText()).isEqualTo("spring.reactor.context-propagation");
		assertThat(deprecation.get("reason").asText()).isNotEmpty();
	}

	@Test
	void everyConnectorPropertyHasADescription() throws Exception {
		Map<String, String> descriptions = new HashMap<>();
		properties().forEach((name, property) -> descriptions.put(name,
				property.has("description") ? property.get("description").asText() : ""));
		List<String> expected = List.of("connector.default-client", "connector.clients", "connector.defaults.transport",
				"connector.defaults.base-url", "connector.defaults.url", "connector.defaults.timeout",
				"connector.defaults.attempt-timeout", "connector.defaults.connect-timeout",
				"connector.defaults.read-timeout",
				"connector.defaults.headers", "connector.defaults.max-in-memory-size",
				"connector.defaults.retry.enabled", "connector.defaults.retry.max-attempts",
				"connector.defaults.retry.wait-duration", "connector.defaults.retry.multiplier",
				"connector.defaults.retry.max-wait-duration", "connector.defaults.retry.jitter",
				"connector.defaults.retry.retry-on-status", "connector.defaults.retry.retry-non-idempotent",
				"connector.defaults.retry.respect-retry-after", "connector.defaults.batch.max-concurrency",
				"connector.defaults.pool.max-connections", "connector.defaults.pool.pending-acquire-timeout",
				"connector.defaults.pool.max-idle-time", "connector.defaults.logging.level",
				"connector.defaults.logging.redact-headers", "connector.defaults.circuit-breaker.enabled",
				"connector.defaults.bulkhead.max-concurrent-calls", "connector.defaults.rate-limiter.limit-for-period",
				"connector.defaults.retry.instance", "connector.defaults.observation.enabled",
				"connector.observation.enabled", "connector.defaults.health.failure-threshold",
				"connector.defaults.health.required", "connector.defaults.health.probe.path",
				"connector.defaults.health.probe.timeout", "management.endpoint.connectors.show-values");
		assertThat(descriptions).containsKeys(expected.toArray(String[]::new));
		assertThat(descriptions).allSatisfy((name, description) -> {
			assertThat(name).matches("(connector|management\\.endpoint\\.connectors)\\..+");
			assertThat(description).as(name).isNotBlank().endsWith(".");
		});
	}

	@Test
	void builtInDefaultsAreTheDefaultValues() throws Exception {
		Map<String, JsonNode> properties = properties();
		assertThat(properties.get("connector.defaults.transport").get("defaultValue").asText()).isEqualTo("http");
		assertThat(properties.get("connector.defaults.timeout").get("defaultValue").asText()).isEqualTo("10s");
		assertThat(properties.get("connector.defaults.retry.wait-duration").get("defaultValue").asText())
			.isEqualTo("100ms");
		assertThat(properties.get("connector.defaults.rate-limiter.timeout-duration").get("defaultValue").asText())
			.isEqualTo("0s");
		assertThat(properties.get("connector.defaults.max-in-memory-size").get("defaultValue").asText())
			.isEqualTo("1MB");
		assertThat(properties.get("connector.defaults.retry.max-attempts").get("defaultValue").asInt()).isEqualTo(3);
		assertThat(properties.get("connector.defaults.retry.multiplier").get("defaultValue").asDouble()).isEqualTo(2.0);
		assertThat(properties.get("connector.defaults.retry.retry-on-status").get("defaultValue").toString())
			.isEqualTo("[429,502,503,504]");
		assertThat(properties.get("connector.defaults.logging.level").get("defaultValue").asText()).isEqualTo("none");
		assertThat(properties.get("connector.defaults.circuit-breaker.enabled").get("defaultValue").asBoolean())
			.isFalse();
		assertThat(properties.get("connector.defaults.observation.enabled").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("connector.defaults.health.probe.interval").get("defaultValue").asText())
			.isEqualTo("10s");
	}

	@Test
	void settingsUnsetByDefaultHaveNoDefaultValue() throws Exception {
		Map<String, JsonNode> properties = properties();
		assertThat(properties.get("connector.defaults.attempt-timeout").has("defaultValue")).isFalse();
		assertThat(properties.get("connector.defaults.read-timeout").has("defaultValue")).isFalse();
		assertThat(properties.get("connector.defaults.base-url").has("defaultValue")).isFalse();
		assertThat(properties.get("connector.defaults.headers").has("defaultValue")).isFalse();
		assertThat(properties.get("connector.defaults.retry.instance").has("defaultValue")).isFalse();
		assertThat(properties.get("connector.defaults.health.probe.path").has("defaultValue")).isFalse();
	}

	@Test
	void everyDefaultsPropertyNamesASettingSoItsDefaultIsFound() throws Exception {
		// url is not a setting of its own: it is written to the base URL when base-url is unset
		assertThat(properties().keySet()).filteredOn((name) -> name.startsWith(ConfigurationMetadataDefaults.PREFIX))
			.isNotEmpty()
			.allSatisfy((name) -> assertThat(ConfigurationMetadataDefaults.setting(name)).as(name)
				.matches((setting) -> setting.isPresent() || name.equals("connector.defaults.url")));
	}

	@Test
	void everyBuiltInValueReachedTheMetadata() throws Exception {
		properties().forEach((name, property) -> {
			if (name.startsWith(ConfigurationMetadataDefaults.PREFIX)) {
				JsonNode builtIn = ConfigurationMetadataDefaults.defaultValue(name, property.path("type").asText());
				assertThat(String.valueOf(property.get("defaultValue"))).as(name).isEqualTo(String.valueOf(builtIn));
			}
		});
	}

}
