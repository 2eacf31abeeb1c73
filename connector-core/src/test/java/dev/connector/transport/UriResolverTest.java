package dev.connector.transport;

import java.net.URI;

import dev.connector.ConnectorRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@link UriResolver} turns a request's target into the URI it is sent to.
 */
class UriResolverTest {

	private final UriResolver resolver = new UriResolver(URI.create("http://localhost:8081/api"));

	@ParameterizedTest(name = "''{0}'' + ''{1}'' -> {2}")
	@CsvSource({ "http://localhost:8081/api, /quotes, http://localhost:8081/api/quotes",
			"http://localhost:8081/api/, /quotes, http://localhost:8081/api/quotes",
			"http://localhost:8081/api, quotes, http://localhost:8081/api/quotes",
			"http://localhost:8081/api/, quotes, http://localhost:8081/api/quotes",
			"http://localhost:8081/api//, quotes, http://localhost:8081/api/quotes",
			"http://localhost:8081, /quotes/42, http://localhost:8081/quotes/42",
			"http://localhost:8081/, '', http://localhost:8081" })
	void pathJoinsTheBaseUrlWithOneSlash(String baseUrl, String path, String expected) {
		URI uri = new UriResolver(URI.create(baseUrl)).resolve(ConnectorRequest.get(path).build());
		assertThat(uri).hasToString(expected);
	}

	@Test
	void pathIsEncoded() {
		URI uri = this.resolver.resolve(ConnectorRequest.get("/files/annual report/größe").build());
		assertThat(uri).hasToString("http://localhost:8081/api/files/annual%20report/gr%C3%B6%C3%9Fe");
		assertThat(uri.getPath()).isEqualTo("/api/files/annual report/größe");
	}

	@Test
	void queryIsEncodedKeepingRepeatedParametersInOrder() {
		URI uri = this.resolver.resolve(ConnectorRequest.get("/search")
			.query("q", "a b&c=d")
			.query("tag", "x", "ü")
			.query("page", 2)
			.build());
		assertThat(uri).hasToString("http://localhost:8081/api/search?q=a%20b%26c%3Dd&tag=x&tag=%C3%BC&page=2");
	}

	@Test
	void absoluteUriIgnoresTheBaseUrl() {
		URI uri = this.resolver.resolve(ConnectorRequest.method(org.springframework.http.HttpMethod.GET,
				URI.create("https://localhost:9443/v2/rates")).build());
		assertThat(uri).hasToString("https://localhost:9443/v2/rates");
	}

	@Test
	void queryIsAppendedToAnAbsoluteUriThatHasOne() {
		URI uri = this.resolver.resolve(ConnectorRequest
			.method(org.springframework.http.HttpMethod.GET, URI.create("https://localhost:9443/v2/rates?base=EUR"))
			.query("symbols", "USD")
			.build());
		assertThat(uri).hasToString("https://localhost:9443/v2/rates?base=EUR&symbols=USD");
	}

	@Test
	void withoutBaseUrlThePathIsARelativeUri() {
		URI uri = new UriResolver(null).resolve(ConnectorRequest.get("/queues/orders in").query("n", 1).build());
		assertThat(uri.isAbsolute()).isFalse();
		assertThat(uri).hasToString("/queues/orders%20in?n=1");
	}

	@Test
	void invalidTargetFailsResolve() {
		UriResolver withoutBase = new UriResolver(null);
		assertThatIllegalArgumentException().isThrownBy(() -> withoutBase.resolve(ConnectorRequest.get("://x").build()));
	}

	@Test
	void invalidTargetResolvesToNullForMessages() {
		assertThat(new UriResolver(null).resolveOrNull(ConnectorRequest.get("://x").build())).isNull();
	}

	@Test
	void repeatedPathResolvesToTheSameUri() {
		ConnectorRequest request = ConnectorRequest.get("/quotes").build();
		assertThat(this.resolver.resolve(request)).isSameAs(this.resolver.resolve(request));
	}

	@Test
	void hotPathIsStillCachedAfterManyDistinctPaths() {
		for (int i = 0; i < 5_000; i++) {
			this.resolver.resolve(ConnectorRequest.get("/items/" + i).build());
		}
		ConnectorRequest hot = ConnectorRequest.get("/quotes").build();
		URI first = this.resolver.resolve(hot);
		assertThat(this.resolver.resolve(hot)).isSameAs(first).hasToString("http://localhost:8081/api/quotes");
	}

}
