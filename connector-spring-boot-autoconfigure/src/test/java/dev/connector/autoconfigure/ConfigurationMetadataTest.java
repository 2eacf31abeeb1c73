package dev.connector.autoconfigure;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated {@code META-INF/spring-configuration-metadata.json} describes every
 * {@code connector.*} property, so that IDEs complete and explain them.
 */
class ConfigurationMetadataTest {

	@Test
	void everyConnectorPropertyHasADescription() throws Exception {
		Map<String, String> descriptions = new HashMap<>();
		try (InputStream json = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			for (JsonNode property : new ObjectMapper().readTree(json).get("properties")) {
				descriptions.put(property.get("name").asText(),
						property.has("description") ? property.get("description").asText() : "");
			}
		}
		List<String> expected = List.of("connector.default-client", "connector.clients", "connector.defaults.transport",
				"connector.defaults.base-url", "connector.defaults.url", "connector.defaults.timeout",
				"connector.defaults.attempt-timeout", "connector.defaults.connect-timeout",
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

}
