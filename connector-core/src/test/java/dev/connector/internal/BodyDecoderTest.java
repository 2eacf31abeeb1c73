package dev.connector.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import dev.connector.ConnectorResponse;
import dev.connector.DecodeException;
import dev.connector.FailureKind;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ClientCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How {@link BodyDecoder} reads an in-memory body with a codec configuration.
 */
class BodyDecoderTest {

	private static final URI TARGET = URI.create("http://localhost:8081/quotes/42");

	private final BodyDecoder decoder = new BodyDecoder("payments", ClientCodecConfigurer.create());

	@Test
	void jsonBodyDecodesIntoARecord() {
		ConnectorResponse response = response("application/json", "{\"symbol\":\"EUR\",\"price\":1.08}");
		assertThat(response.body(Quote.class)).isEqualTo(new Quote("EUR", 1.08));
	}

	@Test
	void vendorJsonBodyDecodesIntoARecord() {
		ConnectorResponse response = response("application/vnd.quotes+json", "{\"symbol\":\"EUR\",\"price\":1.08}");
		assertThat(response.body(Quote.class)).isEqualTo(new Quote("EUR", 1.08));
	}

	@Test
	void responseMadeOutsideACallDecodesWithTheDefaultCodecs() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
		ConnectorResponse response = ConnectorResponse.of(200, headers,
				"{\"symbol\":\"EUR\",\"price\":1.08}".getBytes(StandardCharsets.UTF_8));
		assertThat(response.body(Quote.class)).isEqualTo(new Quote("EUR", 1.08));
	}

	@Test
	void byteArrayTargetIsTheBodyAsIs() {
		byte[] body = { 0, (byte) 0xff, 42 };
		ConnectorResponse response = ConnectorResponse.received(200, new HttpHeaders(), body, 1, TARGET,
				this.decoder.reader(HttpMethod.GET));
		assertThat(response.body(byte[].class)).containsExactly(0, 0xff, 42);
	}

	@Test
	void stringTargetIsTheBodyInTheCharsetOfItsContentType() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, "text/plain;charset=ISO-8859-1");
		ConnectorResponse response = ConnectorResponse.received(200, headers,
				"Größe".getBytes(StandardCharsets.ISO_8859_1), 1, TARGET, this.decoder.reader(HttpMethod.GET));
		assertThat(response.body(String.class)).isEqualTo("Größe");
	}

	@Test
	void emptyBodyDecodesToNull() {
		assertThat(response("application/json", "").body(Quote.class)).isNull();
	}

	@Test
	void bodyOfAnotherShapeIsADecodeExceptionNamingTheCallAndQuotingTheBody() {
		ConnectorResponse response = response("application/json", "[1, 2, 3]");
		DecodeException error = catchThrowableOfType(DecodeException.class, () -> response.body(Quote.class));
		assertThat(error.kind()).isEqualTo(FailureKind.DECODE);
		assertThat(error.getClientName()).isEqualTo("payments");
		assertThat(error.getMethod()).isEqualTo(HttpMethod.GET);
		assertThat(error.getUri()).isEqualTo(TARGET);
		assertThat(error).hasMessageContaining("Could not decode the body as")
			.hasMessageContaining("from application/json")
			.hasMessageContaining("body: [1, 2, 3]")
			.hasCauseInstanceOf(RuntimeException.class);
	}

	@Test
	void contentTypeThatIsNoMediaTypeIsADecodeExceptionQuotingIt() {
		ConnectorResponse response = response("json, please", "{\"symbol\":\"EUR\",\"price\":1.08}");
		DecodeException error = catchThrowableOfType(DecodeException.class, () -> response.body(Quote.class));
		assertThat(error.kind()).isEqualTo(FailureKind.DECODE);
		assertThat(error).hasMessageContaining("Content-Type 'json, please' is not a valid media type")
			.hasMessageContaining("client=payments, GET " + TARGET);
	}

	@Test
	void contentTypesTheServerMakesUpLeaveTheDecoderChoicesBounded() {
		for (int i = 0; i < 10_000; i++) {
			ConnectorResponse response = response("application/vnd.x-" + i + "+json",
					"{\"symbol\":\"EUR\",\"price\":1.08}");
			assertThat(response.body(Quote.class)).isEqualTo(new Quote("EUR", 1.08));
		}
		assertThat(this.decoder.cachedChoices()).isPositive().isLessThanOrEqualTo(BodyDecoder.CACHED_CHOICES);
	}

	private ConnectorResponse response(String contentType, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, contentType);
		return ConnectorResponse.received(200, headers, body.getBytes(StandardCharsets.UTF_8), 1, TARGET,
				this.decoder.reader(HttpMethod.GET));
	}

	record Quote(String symbol, double price) {
	}

}
