package dev.connector.transport;

import java.net.URI;

import dev.connector.ConnectorRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resolving a request's target: base URL and path joined and encoded, query values
 * encoded, absolute URIs left alone, and a cache that paths never seen again cannot fill.
 */
class UriResolverTest {

	private final UriResolver resolver = new UriResolver(URI.create("http://127.0.0.1:8081/api/"));

	@Test
	void joinsTheBaseUrlAndThePathWithOneSlash() {
		assertThat(this.resolver.resolve(ConnectorRequest.get("/charges/1").build()))
			.hasToString("http://127.0.0.1:8081/api/charges/1");
		assertThat(this.resolver.resolve(ConnectorRequest.get("charges/1").build()))
			.hasToString("http://127.0.0.1:8081/api/charges/1");
	}

	@Test
	void encodesThePath() {
		assertThat(this.resolver.resolve(ConnectorRequest.get("/names/Zoë Müller").build()))
			.hasToString("http://127.0.0.1:8081/api/names/Zo%C3%AB%20M%C3%BCller");
	}

	@Test
	void encodesQueryValuesAndKeepsRepeatedOnes() {
		assertThat(this.resolver.resolve(ConnectorRequest.get("/search").query("q", "a&b c").query("tag", "x", "y")
			.build())).hasToString("http://127.0.0.1:8081/api/search?q=a%26b%20c&tag=x&tag=y");
	}

	@Test
	void anAbsoluteUriIgnoresTheBaseUrl() {
		URI absolute = URI.create("http://127.0.0.2:9090/elsewhere");
		assertThat(this.resolver.resolve(ConnectorRequest.method(org.springframework.http.HttpMethod.GET, absolute)
			.build())).isEqualTo(absolute);
	}

	@Test
	void withoutABaseUrlThePathTravelsAsARelativeUri() {
		assertThat(new UriResolver(null).resolve(ConnectorRequest.get("/quotes/a b").build()))
			.hasToString("/quotes/a%20b");
	}

	@Test
	void pathsSeenOnceDoNotStopAHotPathFromBeingCached() {
		for (int i = 0; i < 5_000; i++) {
			this.resolver.resolve(ConnectorRequest.get("/items/" + i).build());
		}
		ConnectorRequest hot = ConnectorRequest.get("/health").build();
		assertThat(this.resolver.resolve(hot)).isSameAs(this.resolver.resolve(hot));
	}

}
