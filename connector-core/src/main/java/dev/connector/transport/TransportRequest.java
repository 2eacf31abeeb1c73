package dev.connector.transport;

import java.net.URI;
import java.util.Objects;

import dev.connector.ConnectorRequest;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * A request as a {@link Transport} receives it: the caller's {@link ConnectorRequest} with
 * its target resolved to an absolute URI (base URL, path and encoded query).
 *
 * @param request the caller's request
 * @param uri the absolute URI to send it to
 * @since 0.1.0
 */
public record TransportRequest(ConnectorRequest request, URI uri) {

	/**
	 * Create a new instance.
	 */
	public TransportRequest {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(uri, "uri must not be null");
	}

	/**
	 * Return the request's method.
	 * @return the method
	 */
	public HttpMethod method() {
		return this.request.method();
	}

	/**
	 * Return the request's own headers (the client's configured headers are the
	 * transport's to add).
	 * @return read-only headers
	 */
	public HttpHeaders headers() {
		return this.request.headers();
	}

	/**
	 * Return the request's body.
	 * @return the body, or {@code null} for none
	 */
	public Object body() {
		return this.request.body();
	}

	/**
	 * Return the element type the caller declared for a
	 * {@link org.reactivestreams.Publisher} body.
	 * @return the element type, or {@code null} when none was declared
	 * @see ConnectorRequest#bodyElementType()
	 */
	public ResolvableType bodyElementType() {
		return this.request.bodyElementType();
	}

}
