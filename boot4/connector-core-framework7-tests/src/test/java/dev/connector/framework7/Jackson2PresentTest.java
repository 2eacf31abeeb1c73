package dev.connector.framework7;

import org.junit.jupiter.api.Test;

import org.springframework.core.SpringVersion;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.ExchangeStrategies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs with the tests that need Jackson 2 themselves (the vendor SDK tests,
 * {@code ConnectorHttpTest}): with Jackson 2 beside Jackson 3, Framework 7's codecs, and so
 * connector-core, still read and write JSON with Jackson 3.
 */
class Jackson2PresentTest {

	@Test
	void framework7PrefersJackson3WhenJackson2IsPresentToo() {
		assertThat(SpringVersion.getVersion()).startsWith("7.0.");
		assertThat(ClassUtils.isPresent("com.fasterxml.jackson.databind.ObjectMapper", getClass().getClassLoader()))
			.isTrue();
		assertThat(ExchangeStrategies.withDefaults().messageReaders())
			.filteredOn(DecoderHttpMessageReader.class::isInstance)
			.extracting((reader) -> ((DecoderHttpMessageReader<?>) reader).getDecoder())
			.hasAtLeastOneElementOfType(JacksonJsonDecoder.class)
			.doesNotHaveAnyElementsOfTypes(Jackson2JsonDecoder.class);
	}

}
