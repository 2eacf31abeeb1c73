package dev.connector.framework7;

import io.micrometer.observation.Observation;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.SpringVersion;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.ExchangeStrategies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the point of this module: connector-core's suite, run beside this test, runs on
 * Spring Boot 4's stack, with Jackson 3 and no Jackson 2. Fails if a change to the build
 * (a BOM, a dependency, an exclusion) quietly puts the suite back on Framework 6.2.
 */
class Framework7StackTest {

	@Test
	void runsOnFramework7() {
		assertThat(SpringVersion.getVersion()).startsWith("7.0.");
	}

	@Test
	void runsOnReactorNetty13AndNetty42() {
		assertThat(HttpClient.class.getPackage().getImplementationVersion()).startsWith("1.3.");
		assertThat(Version.identify().get("netty-common").artifactVersion()).startsWith("4.2.");
	}

	@Test
	void runsOnMicrometer117() {
		assertThat(Observation.class.getPackage().getImplementationVersion()).startsWith("1.17.");
	}

	@Test
	void hasJackson3AndNoJackson2() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", classLoader)).isTrue();
		assertThat(ClassUtils.isPresent("com.fasterxml.jackson.databind.ObjectMapper", classLoader)).isFalse();
		assertThat(ExchangeStrategies.withDefaults().messageReaders())
			.filteredOn(DecoderHttpMessageReader.class::isInstance)
			.extracting((reader) -> ((DecoderHttpMessageReader<?>) reader).getDecoder())
			.hasAtLeastOneElementOfType(JacksonJsonDecoder.class);
	}

}
