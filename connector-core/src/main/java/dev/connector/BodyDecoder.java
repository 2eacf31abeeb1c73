package dev.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Decoder;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.DecoderHttpMessageReader;

/**
 * Decodes an in-memory response body with the decoders of a codec configuration, so that
 * a Spring Boot application's codecs (and its {@code ObjectMapper}) apply.
 */
final class BodyDecoder {

	static final BodyDecoder DEFAULT = new BodyDecoder(ClientCodecConfigurer.create());

	private final List<Decoder<?>> decoders;

	private final Map<DecoderKey, Optional<Decoder<?>>> chosen = new ConcurrentHashMap<>();

	BodyDecoder(ClientCodecConfigurer configurer) {
		this.decoders = configurer.getReaders()
			.stream()
			.filter(DecoderHttpMessageReader.class::isInstance)
			.<Decoder<?>>map((reader) -> ((DecoderHttpMessageReader<?>) reader).getDecoder())
			.toList();
	}

	@SuppressWarnings("unchecked")
	<T> T decode(byte[] body, HttpHeaders headers, ResolvableType type, ConnectorResponse response) {
		Class<?> rawType = type.toClass();
		if (rawType == byte[].class) {
			return (T) body.clone();
		}
		if (rawType == String.class) {
			return (T) new String(body, ConnectorResponse.charset(headers));
		}
		if (body.length == 0 || rawType == Void.class) {
			return null;
		}
		MediaType contentType = contentType(headers);
		Decoder<?> decoder = this.chosen.computeIfAbsent(new DecoderKey(type, contentType), this::find)
			.orElseThrow(() -> failure(response, "No decoder reads " + type + " from " + describe(contentType), body,
					null));
		try {
			return (T) decoder.decode(DefaultDataBufferFactory.sharedInstance.wrap(body), type, contentType,
					Map.of());
		}
		catch (RuntimeException ex) {
			throw failure(response, "Could not decode the body as " + type + " from " + describe(contentType), body,
					ex);
		}
	}

	private Optional<Decoder<?>> find(DecoderKey key) {
		for (Decoder<?> decoder : this.decoders) {
			if (decoder.canDecode(key.type(), key.contentType())) {
				return Optional.of(decoder);
			}
		}
		return Optional.empty();
	}

	private static MediaType contentType(HttpHeaders headers) {
		try {
			return headers.getContentType();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String describe(MediaType contentType) {
		return (contentType != null) ? contentType.toString() : "a body without Content-Type";
	}

	private static DecodeException failure(ConnectorResponse response, String reason, byte[] body, Throwable cause) {
		ConnectorResponse.CallInfo call = response.call();
		return new DecodeException(reason + "; body: " + BodyExcerpt.of(body, ConnectorResponse.charset(response.headers())),
				call.clientName(), call.method(), call.uri(), response.attempts(), cause);
	}

	private record DecoderKey(ResolvableType type, MediaType contentType) {
	}

}
