package dev.connector.internal;

import java.util.List;
import java.util.Map;

import dev.connector.ConnectorException;
import dev.connector.ConnectorResponse;
import reactor.core.publisher.Flux;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.HttpMessageReader;

/**
 * Decodes a streamed body into elements as they arrive, with the message readers of the
 * client's codecs, chosen by content type as {@code WebClient}'s {@code bodyToFlux} does:
 * Server-Sent Events, NDJSON and JSON streams, a streamed JSON array, lines of text, or raw
 * chunks. Nothing is read before the subscriber asks for it.
 */
final class StreamDecoder {

	private final String clientName;

	private final List<HttpMessageReader<?>> readers;

	StreamDecoder(String clientName, ClientCodecConfigurer configurer) {
		this.clientName = clientName;
		this.readers = configurer.getReaders();
	}

	@SuppressWarnings("unchecked")
	<T> Flux<T> decode(ConnectorResponse response, Flux<DataBuffer> body, ResolvableType type, HttpMethod method) {
		if (type.toClass() == DataBuffer.class) {
			return (Flux<T>) body;
		}
		MediaType contentType;
		try {
			contentType = response.headers().getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			return Flux.error(failure(response, method, "Could not decode the stream as " + type
					+ ": the response's Content-Type '" + ex.getMediaType() + "' is not a valid media type", ex));
		}
		MediaType readAs = (contentType != null) ? contentType : MediaType.APPLICATION_OCTET_STREAM;
		for (HttpMessageReader<?> reader : this.readers) {
			if (reader.canRead(type, readAs)) {
				Flux<T> elements = ((HttpMessageReader<T>) reader).read(type, new Message(response.headers(), body),
						Map.of());
				return elements.onErrorMap((error) -> !(error instanceof ConnectorException)
						&& error instanceof CodecException,
						(error) -> failure(response, method, "Could not decode a stream element as " + type + " from "
								+ readAs + ": " + error.getMessage(), error));
			}
		}
		// nobody reads it: cancel the body, which closes the connection, rather than leave it unread
		return body.take(0, true)
			.thenMany(Flux.error(failure(response, method, "No decoder reads a stream of " + type + " from " + readAs,
					null)));
	}

	private ConnectorException failure(ConnectorResponse response, HttpMethod method, String reason, Throwable cause) {
		return ConnectorException.builder(this.clientName)
			.method(method)
			.uri(response.uri())
			.attempts(response.attempts())
			.cause(cause)
			.decode(reason);
	}

	/**
	 * A streamed response as the message readers take it.
	 */
	private record Message(HttpHeaders getHeaders, Flux<DataBuffer> getBody) implements ReactiveHttpInputMessage {
	}

}
