package dev.connector.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import dev.connector.ConnectorResponse;
import dev.connector.DecodeException;
import org.junit.jupiter.api.Test;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ClientCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Decoding whole bodies with a client's codecs: by content type, with clear failures, and
 * a cache of decoder choices that a server cannot grow without bound.
 */
class BodyDecoderTest {

	private final BodyDecoder decoder = new BodyDecoder("payments", ClientCodecConfigurer.create());

	record Charge(int amount) {
	}

	private static ConnectorResponse response(String contentType, String body) {
		HttpHeaders headers = new HttpHeaders();
		if (contentType != null) {
			headers.set(HttpHeaders.CONTENT_TYPE, contentType);
		}
		return ConnectorResponse.received(200, headers, body.getBytes(StandardCharsets.UTF_8), 1,
				URI.create("http://127.0.0.1:1/charges/1"), BodyDecoder.DEFAULT);
	}

	private <T> T decode(ConnectorResponse response, Class<T> type) {
		return this.decoder.decode(response, ResolvableType.forClass(type), HttpMethod.GET);
	}

	@Test
	void decodesJsonIntoARecord() {
		assertThat(decode(response("application/json", "{\"amount\":42}"), Charge.class)).isEqualTo(new Charge(42));
	}

	@Test
	void bytesAndTextNeedNoCodec() {
		ConnectorResponse response = response("application/octet-stream", "raw");
		assertThat(decode(response, byte[].class)).isEqualTo("raw".getBytes(StandardCharsets.UTF_8));
		assertThat(decode(response, String.class)).isEqualTo("raw");
	}

	@Test
	void anEmptyBodyDecodesToNothing() {
		assertThat(decode(response("application/json", ""), Charge.class)).isNull();
	}

	@Test
	void anInvalidContentTypeFailsSayingSo() {
		DecodeException error = catchThrowableOfType(DecodeException.class,
				() -> decode(response("not a media type", "{\"amount\":42}"), Charge.class));
		assertThat(error).hasMessageContaining("Content-Type 'not a media type' is not a valid media type")
			.hasMessageContaining("client=payments, GET http://127.0.0.1:1/charges/1");
	}

	@Test
	void aContentTypeNoDecoderReadsFailsNamingIt() {
		DecodeException error = catchThrowableOfType(DecodeException.class,
				() -> decode(response("image/png", "{\"amount\":42}"), Charge.class));
		assertThat(error).hasMessageContaining("No decoder reads").hasMessageContaining("image/png");
	}

	@Test
	void contentTypesChosenByTheServerDoNotGrowTheCacheWithoutBound() {
		for (int i = 0; i < 10_000; i++) {
			assertThat(decode(response("application/vnd.x-" + i + "+json", "{\"amount\":" + i + "}"), Charge.class))
				.isEqualTo(new Charge(i));
		}
		assertThat(this.decoder.cachedChoices()).isLessThanOrEqualTo(64);
	}

}
