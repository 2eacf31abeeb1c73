package dev.connector.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.connector.ConnectorException;
import dev.connector.ConnectorResponse;
import dev.connector.DecodeException;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Decoder;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.DecoderHttpMessageReader;

/**
 * Decodes an in-memory response body with the decoders of a codec configuration, so that a
 * Spring Boot application's codecs (and its {@code ObjectMapper}) apply. One per client.
 */
public final class BodyDecoder implements ConnectorResponse.BodyReader {

	/** Decodes with the default codecs, for responses made outside a call. */
	public static final BodyDecoder DEFAULT = new BodyDecoder(null, ClientCodecConfigurer.create());

	/**
	 * How many (type, content type) pairs remember their decoder. The content type is the
	 * server's choice, so the cache must not grow with whatever it sends.
	 */
	static final int CACHED_CHOICES = 64;

	private final String clientName;

	private final List<Decoder<?>> decoders;

	private final Map<DecoderKey, Optional<Decoder<?>>> chosen = new ConcurrentHashMap<>();

	private final Map<HttpMethod, ConnectorResponse.BodyReader> readers = new ConcurrentHashMap<>();

	BodyDecoder(String clientName, ClientCodecConfigurer configurer) {
		this.clientName = clientName;
		this.decoders = configurer.getReaders()
			.stream()
			.filter(DecoderHttpMessageReader.class::isInstance)
			.<Decoder<?>>map((reader) -> ((DecoderHttpMessageReader<?>) reader).getDecoder())
			.toList();
		for (HttpMethod method : HttpMethod.values()) {
			this.readers.put(method, new MethodReader(method));
		}
	}

	/**
	 * Return the reader of responses to requests of the given method, so that a decode
	 * failure names the call's method.
	 */
	ConnectorResponse.BodyReader reader(HttpMethod method) {
		ConnectorResponse.BodyReader reader = this.readers.get(method);
		return (reader != null) ? reader : new MethodReader(method);
	}

	@Override
	public <T> T read(ConnectorResponse response, ResolvableType type) {
		return decode(response, type, null);
	}

	/**
	 * Return how many (type, content type) pairs remember their decoder, for tests.
	 */
	int cachedChoices() {
		return this.chosen.size();
	}

	@SuppressWarnings("unchecked")
	<T> T decode(ConnectorResponse response, ResolvableType type, HttpMethod method) {
		Class<?> rawType = type.toClass();
		ByteBuffer body = response.bodyAsByteBuffer();
		if (rawType == byte[].class) {
			return (T) response.bodyAsByteArray();
		}
		if (rawType == String.class) {
			return (T) response.bodyAsString();
		}
		if (!body.hasRemaining() || rawType == Void.class) {
			return null;
		}
		MediaType contentType = contentType(response, type, method);
		Decoder<?> decoder = choose(type, contentType)
			.orElseThrow(() -> failure(response, method, "No decoder reads " + type + " from " + describe(contentType),
					null));
		try {
			return (T) decoder.decode(DefaultDataBufferFactory.sharedInstance.wrap(body), type, contentType, Map.of());
		}
		catch (RuntimeException ex) {
			throw failure(response, method, "Could not decode the body as " + type + " from " + describe(contentType),
					ex);
		}
	}

	private Optional<Decoder<?>> choose(ResolvableType type, MediaType contentType) {
		DecoderKey key = new DecoderKey(type, contentType);
		Optional<Decoder<?>> decoder = this.chosen.get(key);
		if (decoder == null) {
			decoder = find(key);
			if (this.chosen.size() < CACHED_CHOICES) {
				this.chosen.putIfAbsent(key, decoder);
			}
		}
		return decoder;
	}

	private Optional<Decoder<?>> find(DecoderKey key) {
		for (Decoder<?> decoder : this.decoders) {
			if (decoder.canDecode(key.type(), key.contentType())) {
				return Optional.of(decoder);
			}
		}
		return Optional.empty();
	}

	private MediaType contentType(ConnectorResponse response, ResolvableType type, HttpMethod method) {
		try {
			return response.headers().getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			throw failure(response, method, "Could not decode the body as " + type + ": the response's Content-Type '"
					+ ex.getMediaType() + "' is not a valid media type", ex);
		}
	}

	private static String describe(MediaType contentType) {
		return (contentType != null) ? contentType.toString() : "a body without Content-Type";
	}

	private DecodeException failure(ConnectorResponse response, HttpMethod method, String reason, Throwable cause) {
		HttpHeaders headers = response.headers();
		String excerpt = BodyExcerpt.of(response.bodyAsByteBuffer(), ConnectorResponse.charset(headers));
		return ConnectorException.builder(this.clientName)
			.method(method)
			.uri(response.uri())
			.attempts(response.attempts())
			.cause(cause)
			.decode(reason + "; body: " + excerpt);
	}

	private record DecoderKey(ResolvableType type, MediaType contentType) {
	}

	/**
	 * Decodes the responses to one method's requests.
	 */
	private final class MethodReader implements ConnectorResponse.BodyReader {

		private final HttpMethod method;

		MethodReader(HttpMethod method) {
			this.method = method;
		}

		@Override
		public <T> T read(ConnectorResponse response, ResolvableType type) {
			return decode(response, type, this.method);
		}

	}

}
