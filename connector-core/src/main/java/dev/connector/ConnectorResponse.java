package dev.connector;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.connector.internal.BodyDecoder;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * An immutable response received through a {@link Connector}: status, headers and the
 * whole body, held in memory (bounded by the client's {@code max-in-memory-size}).
 *
 * @since 0.1.0
 */
public final class ConnectorResponse {

	private static final byte[] NO_BODY = new byte[0];

	private final int status;

	private final HttpHeaders headers;

	private final byte[] body;

	private final int attempts;

	private final URI uri;

	private final BodyReader reader;

	private ConnectorResponse(int status, HttpHeaders headers, byte[] body, int attempts, URI uri,
			BodyReader reader) {
		this.status = status;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.body = (body != null) ? body : NO_BODY;
		this.attempts = attempts;
		this.uri = uri;
		this.reader = reader;
	}

	/**
	 * Create a response outside a call, for example in an interceptor that answers from a
	 * cache. Its body decodes with the default codecs.
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body, {@code null} for none
	 * @return a new response
	 */
	public static ConnectorResponse of(int status, HttpHeaders headers, byte[] body) {
		return new ConnectorResponse(status, (headers != null) ? headers : new HttpHeaders(),
				(body != null) ? body.clone() : null, 0, null, BodyDecoder.DEFAULT);
	}

	/**
	 * Create the response of an attempt, as the call engine receives it. The body array is
	 * taken as it is, not copied; the caller must not change it afterwards.
	 * @param status the status code
	 * @param headers the headers
	 * @param body the whole body, {@code null} for none
	 * @param attempts the number of the attempt that received it
	 * @param uri the URI it came from
	 * @param reader decodes its body with the client's codecs
	 * @return a new response
	 */
	public static ConnectorResponse received(int status, HttpHeaders headers, byte[] body, int attempts, URI uri,
			BodyReader reader) {
		return new ConnectorResponse(status, headers, body, attempts, uri,
				Objects.requireNonNull(reader, "reader must not be null"));
	}

	/**
	 * Return the status code.
	 * @return the status, such as {@code 200}
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return the response headers.
	 * @return read-only headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return the number of attempts the call took to produce this response.
	 * @return the attempts, at least 1 for a response from a transport
	 */
	public int attempts() {
		return this.attempts;
	}

	/**
	 * Return the URI the response came from.
	 * @return the URI, or {@code null} for a response created with {@link #of}
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * Return the length of the body.
	 * @return the number of bytes, 0 when there was no body
	 */
	public int bodyLength() {
		return this.body.length;
	}

	/**
	 * Return the body without copying it.
	 * @return a read-only view of the body bytes, empty when there was no body
	 */
	public ByteBuffer bodyAsByteBuffer() {
		return ByteBuffer.wrap(this.body).asReadOnlyBuffer();
	}

	/**
	 * Return a copy of the body.
	 * @return the body bytes, empty when there was no body
	 */
	public byte[] bodyAsByteArray() {
		return this.body.clone();
	}

	/**
	 * Return the body as text, in the charset of its {@code Content-Type} or UTF-8.
	 * @return the body text, empty when there was no body
	 */
	public String bodyAsString() {
		return new String(this.body, charset(this.headers));
	}

	/**
	 * Decode the body with the client's codecs.
	 * @param <T> the target type
	 * @param type the target class
	 * @return the decoded body, or {@code null} when there was no body
	 * @throws DecodeException if the body cannot be read as that type
	 */
	public <T> T body(Class<T> type) {
		return this.reader.read(this, ResolvableType.forClass(type));
	}

	/**
	 * Decode the body with the client's codecs into a generic type.
	 * @param <T> the target type
	 * @param type the target type, such as {@code new ParameterizedTypeReference<List<Quote>>() {}}
	 * @return the decoded body, or {@code null} when there was no body
	 * @throws DecodeException if the body cannot be read as that type
	 */
	public <T> T body(ParameterizedTypeReference<T> type) {
		return this.reader.read(this, ResolvableType.forType(type));
	}

	/**
	 * Return the charset of a body with these headers: that of its {@code Content-Type},
	 * or UTF-8.
	 * @param headers the headers
	 * @return the charset
	 */
	public static Charset charset(HttpHeaders headers) {
		MediaType contentType = null;
		try {
			contentType = headers.getContentType();
		}
		catch (RuntimeException ex) {
			// an unparseable Content-Type is the server's mistake; fall back to UTF-8
		}
		return (contentType != null && contentType.getCharset() != null) ? contentType.getCharset()
				: StandardCharsets.UTF_8;
	}

	@Override
	public String toString() {
		return "ConnectorResponse[status=" + this.status + ", bodyLength=" + this.body.length + ", attempts="
				+ this.attempts + "]";
	}

	/**
	 * Decodes response bodies with a client's codecs. Implemented by the call engine;
	 * applications do not need to implement it.
	 *
	 * @since 0.1.0
	 */
	public interface BodyReader {

		/**
		 * Decode the body of a response.
		 * @param <T> the target type
		 * @param response the response
		 * @param type the target type
		 * @return the decoded body, or {@code null} when there was none
		 * @throws DecodeException if the body cannot be read as that type
		 */
		<T> T read(ConnectorResponse response, ResolvableType type);

	}

}
