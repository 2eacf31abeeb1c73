package dev.connector.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.connector.ConnectorException;
import dev.connector.ConnectorResponse;
import dev.connector.DecodeException;
import reactor.core.publisher.Flux;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Decoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
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
	 * How many (type, content type) pairs remember their decoder, one per slot by the pair's
	 * hash. The content type is the server's choice, so the cache must not grow with
	 * whatever it sends; a pair that lands in an occupied slot replaces its entry, so
	 * content types sent once cannot keep a common pair out for good.
	 */
	static final int CACHED_CHOICES = 64;

	private final String clientName;

	private final List<Decoder<?>> decoders;

	private final Choice[] chosen = new Choice[CACHED_CHOICES];

	private final Map<HttpMethod, ConnectorResponse.BodyReader> readers;

	BodyDecoder(String clientName, ClientCodecConfigurer configurer) {
		this.clientName = clientName;
		this.decoders = configurer.getReaders()
			.stream()
			.filter(DecoderHttpMessageReader.class::isInstance)
			.<Decoder<?>>map((reader) -> ((DecoderHttpMessageReader<?>) reader).getDecoder())
			.toList();
		Map<HttpMethod, ConnectorResponse.BodyReader> readers = new HashMap<>();
		for (HttpMethod method : HttpMethod.values()) {
			readers.put(method, new MethodReader(method));
		}
		this.readers = Map.copyOf(readers);
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
		int cached = 0;
		for (Choice choice : this.chosen) {
			cached += (choice != null) ? 1 : 0;
		}
		return cached;
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

	/**
	 * Decode each message of a message-oriented transport's body as one element, as the
	 * body of a call is decoded: a message is never split into lines, nor joined with the
	 * next. A message that decodes to nothing (an empty one, for a type other than
	 * {@code String} or {@code byte[]}) is skipped.
	 * @param handshake the response the messages came with, for their headers and errors
	 * @param messages the messages, one buffer each
	 * @param type the element type
	 * @param method the request's method, for errors
	 * @return the decoded messages, failing with a {@link DecodeException} on the first
	 * one that does not decode
	 */
	@SuppressWarnings("unchecked")
	<T> Flux<T> decodeMessages(ConnectorResponse handshake, Flux<DataBuffer> messages, ResolvableType type,
			HttpMethod method) {
		if (type.toClass() == DataBuffer.class) {
			return (Flux<T>) messages;
		}
		return messages.handle((buffer, sink) -> {
			byte[] bytes;
			try {
				bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
			ConnectorResponse message = ConnectorResponse.received(handshake.status(), handshake.headers(), bytes,
					handshake.attempts(), handshake.uri(), this);
			try {
				T element = decode(message, type, method);
				if (element != null) {
					sink.next(element);
				}
			}
			catch (RuntimeException ex) {
				sink.error(ex);
			}
		});
	}

	private Optional<Decoder<?>> choose(ResolvableType type, MediaType contentType) {
		DecoderKey key = new DecoderKey(type, contentType);
		int hash = key.hashCode();
		int slot = (hash ^ (hash >>> 16)) & (CACHED_CHOICES - 1);
		Choice choice = this.chosen[slot];
		if (choice != null && choice.key().equals(key)) {
			return choice.decoder();
		}
		Optional<Decoder<?>> decoder = find(key);
		// a racy store of an immutable entry: at worst another thread looks the pair up again
		this.chosen[slot] = new Choice(key, decoder);
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

	private record Choice(DecoderKey key, Optional<Decoder<?>> decoder) {
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
