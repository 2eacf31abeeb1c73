package dev.connector;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.reactivestreams.Publisher;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An immutable description of one call made through a {@link Connector}: method, target,
 * query, headers, body and per-request overrides of the client's settings.
 * <p>
 * The target is either a path, resolved against the client's base URL, or an absolute
 * {@link URI}, used as it is. A path may be a URI template, such as
 * {@code ConnectorRequest.get("/payments/{id}", id)}: its variables are expanded and
 * encoded, and the template names the route in metrics and traces. Derive a modified copy
 * with {@link #toBuilder()}.
 *
 * <pre>{@code
 * ConnectorRequest request = ConnectorRequest.post("/payments")
 *         .header("Idempotency-Key", key)
 *         .body(new Payment(42))
 *         .timeout(Duration.ofSeconds(1))
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ConnectorRequest {

	private final HttpMethod method;

	private final String path;

	private final String uriTemplate;

	private final URI uri;

	private final MultiValueMap<String, String> query;

	private final HttpHeaders headers;

	private final Object body;

	private final ResolvableType bodyElementType;

	private final Duration timeout;

	private final Duration idleTimeout;

	private final Boolean retry;

	private final Integer maxAttempts;

	private final Boolean idempotent;

	private final Map<String, Object> attributes;

	private ConnectorRequest(Builder builder) {
		this.method = builder.method;
		this.path = builder.path;
		this.uriTemplate = builder.uriTemplate;
		this.uri = builder.uri;
		this.query = builder.query.isEmpty() ? EMPTY_QUERY
				: CollectionUtils.unmodifiableMultiValueMap(builder.query.deepCopy());
		this.headers = builder.headers.isEmpty() ? EMPTY_HEADERS : readOnlyCopy(builder.headers);
		this.body = builder.body;
		this.bodyElementType = builder.bodyElementType;
		this.timeout = builder.timeout;
		this.idleTimeout = builder.idleTimeout;
		this.retry = builder.retry;
		this.maxAttempts = builder.maxAttempts;
		this.idempotent = builder.idempotent;
		this.attributes = builder.attributes.isEmpty() ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
	}

	private static final MultiValueMap<String, String> EMPTY_QUERY = CollectionUtils
		.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());

	private static final HttpHeaders EMPTY_HEADERS = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());

	private static HttpHeaders readOnlyCopy(HttpHeaders headers) {
		HttpHeaders copy = new HttpHeaders();
		// addAll(MultiValueMap) is gone in Framework 7 (HttpHeaders is no MultiValueMap there)
		headers.forEach(copy::addAll);
		return HttpHeaders.readOnlyHttpHeaders(copy);
	}

	/**
	 * Start a request with the given method and path.
	 * @param method the HTTP method
	 * @param path the path, resolved against the client's base URL
	 * @return a new builder
	 */
	public static Builder method(HttpMethod method, String path) {
		return new Builder(method).path(path);
	}

	/**
	 * Start a request with the given method and absolute URI.
	 * @param method the HTTP method
	 * @param uri the absolute URI, used as it is
	 * @return a new builder
	 */
	public static Builder method(HttpMethod method, URI uri) {
		return new Builder(method).uri(uri);
	}

	/**
	 * Start a GET request.
	 * @param path the path, resolved against the client's base URL
	 * @return a new builder
	 */
	public static Builder get(String path) {
		return method(HttpMethod.GET, path);
	}

	/**
	 * Start a GET request to a URI template such as {@code /payments/{id}}, expanded with
	 * the given variables in order and encoded. The template, not the expanded path, names
	 * the route in metrics and traces (the {@code uri} key).
	 * @param uriTemplate the path template, resolved against the client's base URL
	 * @param uriVariables the values of the template's variables, in order
	 * @return a new builder
	 * @since 0.1.0
	 * @see Builder#path(String, Object...)
	 */
	public static Builder get(String uriTemplate, Object... uriVariables) {
		return new Builder(HttpMethod.GET).path(uriTemplate, uriVariables);
	}

	/**
	 * Start a GET request to a URI template such as {@code /payments/{id}}, expanded with
	 * the given variables by name and encoded. The template, not the expanded path, names
	 * the route in metrics and traces (the {@code uri} key).
	 * @param uriTemplate the path template, resolved against the client's base URL
	 * @param uriVariables the values of the template's variables, by name
	 * @return a new builder
	 * @since 0.1.0
	 * @see Builder#path(String, Map)
	 */
	public static Builder get(String uriTemplate, Map<String, ?> uriVariables) {
		return new Builder(HttpMethod.GET).path(uriTemplate, uriVariables);
	}

	/**
	 * Start a request with the given method to a URI template, expanded with the given
	 * variables in order and encoded.
	 * @param method the HTTP method
	 * @param uriTemplate the path template, resolved against the client's base URL
	 * @param uriVariables the values of the template's variables, in order
	 * @return a new builder
	 * @since 0.1.0
	 * @see Builder#path(String, Object...)
	 */
	public static Builder method(HttpMethod method, String uriTemplate, Object... uriVariables) {
		return new Builder(method).path(uriTemplate, uriVariables);
	}

	/**
	 * Start a POST request.
	 * @param path the path, resolved against the client's base URL
	 * @return a new builder
	 */
	public static Builder post(String path) {
		return method(HttpMethod.POST, path);
	}

	/**
	 * Start a POST request to a URI template, expanded with the given variables in order.
	 * @param uriTemplate the path template, resolved against the client's base URL
	 * @param uriVariables the values of the template's variables, in order
	 * @return a new builder
	 * @since 0.1.0
	 */
	public static Builder post(String uriTemplate, Object... uriVariables) {
		return method(HttpMethod.POST, uriTemplate, uriVariables);
	}

	/**
	 * Start a PUT request to a URI template, expanded with the given variables in order.
	 * @param uriTemplate the path template, resolved against the client's base URL
	 * @param uriVariables the values of the template's variables, in order
	 * @return a new builder
	 * @since 0.1.0
	 */
	public static Builder put(String uriTemplate, Object... uriVariables) {
		return method(HttpMethod.PUT, uriTemplate, uriVariables);
	}

	/**
	 * Start a PATCH request to a URI template, expanded with the given variables in order.
	 * @param uriTemplate the path template, resolved against the client's base URL
	 * @param uriVariables the values of the template's variables, in order
	 * @return a new builder
	 * @since 0.1.0
	 */
	public static Builder patch(String uriTemplate, Object... uriVariables) {
		return method(HttpMethod.PATCH, uriTemplate, uriVariables);
	}

	/**
	 * Start a DELETE request to a URI template, expanded with the given variables in order.
	 * @param uriTemplate the path template, resolved against the client's base URL
	 * @param uriVariables the values of the template's variables, in order
	 * @return a new builder
	 * @since 0.1.0
	 */
	public static Builder delete(String uriTemplate, Object... uriVariables) {
		return method(HttpMethod.DELETE, uriTemplate, uriVariables);
	}

	/**
	 * Start a PUT request.
	 * @param path the path, resolved against the client's base URL
	 * @return a new builder
	 */
	public static Builder put(String path) {
		return method(HttpMethod.PUT, path);
	}

	/**
	 * Start a PATCH request.
	 * @param path the path, resolved against the client's base URL
	 * @return a new builder
	 */
	public static Builder patch(String path) {
		return method(HttpMethod.PATCH, path);
	}

	/**
	 * Start a DELETE request.
	 * @param path the path, resolved against the client's base URL
	 * @return a new builder
	 */
	public static Builder delete(String path) {
		return method(HttpMethod.DELETE, path);
	}

	/**
	 * Return the HTTP method.
	 * @return the method, never {@code null}
	 */
	public HttpMethod method() {
		return this.method;
	}

	/**
	 * Return the path resolved against the client's base URL, or {@code null} when the
	 * request names an absolute {@link #uri()}.
	 * @return the path or {@code null}
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the URI template the {@link #path()} was expanded from, such as
	 * {@code /payments/{id}}, or {@code null} when the request was built from a plain path
	 * or an absolute URI. A templated path is already encoded.
	 * @return the template or {@code null}
	 * @since 0.1.0
	 */
	public String uriTemplate() {
		return this.uriTemplate;
	}

	/**
	 * Return the absolute URI, or {@code null} when the request names a {@link #path()}.
	 * @return the URI or {@code null}
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * Return the query parameters, in insertion order, not yet encoded.
	 * @return a read-only map, empty when there are none
	 */
	public MultiValueMap<String, String> query() {
		return this.query;
	}

	/**
	 * Return the request's own headers; the client's configured headers are added by the
	 * transport, and a header set here replaces the client's header of the same name.
	 * @return read-only headers, empty when there are none
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return the body: an object encoded by the client's codecs, a {@code byte[]}, a
	 * {@code String}, or a {@link Publisher} whose elements are written as they come.
	 * @return the body or {@code null} for none
	 * @see Builder#body(Object)
	 */
	public Object body() {
		return this.body;
	}

	/**
	 * Return the element type declared for a {@link Publisher} body with
	 * {@link Builder#body(Publisher, Class)} or
	 * {@link Builder#body(Publisher, ParameterizedTypeReference)}.
	 * @return the element type, or {@code null} when none was declared
	 * @since 0.1.0
	 */
	public ResolvableType bodyElementType() {
		return this.bodyElementType;
	}

	/**
	 * Return the overall deadline of this call, overriding the client's {@code timeout}.
	 * @return the timeout or {@code null} to use the client's
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return the longest gap between two elements of a stream, overriding the client's
	 * {@code stream.idle-timeout}. Applies to {@link Connector#stream streams} only.
	 * @return the idle timeout or {@code null} to use the client's
	 */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Return whether this call may be retried, overriding the client's {@code retry.enabled}.
	 * @return the flag or {@code null} to use the client's
	 */
	public Boolean retry() {
		return this.retry;
	}

	/**
	 * Return the maximum number of attempts, overriding the client's
	 * {@code retry.max-attempts}.
	 * @return the attempts or {@code null} to use the client's
	 */
	public Integer maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Return whether the caller declares this call idempotent (safe to repeat), overriding
	 * what its method implies.
	 * @return the flag or {@code null} to derive it from the method
	 */
	public Boolean idempotent() {
		return this.idempotent;
	}

	/**
	 * Return the attributes, free-form values for interceptors; never sent.
	 * @return a read-only map, empty when there are none
	 */
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	/**
	 * Return a builder initialised with this request's values.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder(this.method);
		builder.path = this.path;
		builder.uriTemplate = this.uriTemplate;
		builder.uri = this.uri;
		this.query.forEach((name, values) -> builder.query.put(name, new ArrayList<>(values)));
		this.headers.forEach(builder.headers::addAll);
		builder.body = this.body;
		builder.bodyElementType = this.bodyElementType;
		builder.timeout = this.timeout;
		builder.idleTimeout = this.idleTimeout;
		builder.retry = this.retry;
		builder.maxAttempts = this.maxAttempts;
		builder.idempotent = this.idempotent;
		builder.attributes.putAll(this.attributes);
		return builder;
	}

	@Override
	public String toString() {
		return this.method + " " + ((this.uri != null) ? this.uri : this.path);
	}

	/**
	 * Builds a {@link ConnectorRequest}. Not thread-safe; build once, share the result.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private HttpMethod method;

		private String path;

		private String uriTemplate;

		private URI uri;

		private final LinkedMultiValueMap<String, String> query = new LinkedMultiValueMap<>();

		private final HttpHeaders headers = new HttpHeaders();

		private Object body;

		private ResolvableType bodyElementType;

		private Duration timeout;

		private Duration idleTimeout;

		private Boolean retry;

		private Integer maxAttempts;

		private Boolean idempotent;

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private Builder(HttpMethod method) {
			this.method = Objects.requireNonNull(method, "method must not be null");
		}

		/**
		 * Set the method.
		 * @param method the HTTP method
		 * @return this builder
		 */
		public Builder method(HttpMethod method) {
			this.method = Objects.requireNonNull(method, "method must not be null");
			return this;
		}

		/**
		 * Target a path resolved against the client's base URL; clears any absolute URI.
		 * @param path the path, such as {@code /payments/42}
		 * @return this builder
		 */
		public Builder path(String path) {
			this.path = Objects.requireNonNull(path, "path must not be null");
			this.uriTemplate = null;
			this.uri = null;
			return this;
		}

		/**
		 * Target a URI template such as {@code /payments/{id}}, resolved against the
		 * client's base URL and expanded with the given variables in order; clears any
		 * absolute URI. As with Spring's {@code UriComponentsBuilder#encode()}, the
		 * template is encoded and each value is encoded strictly, so a {@code /} or
		 * {@code ?} in a value stays inside its variable. The template, not the expanded
		 * path, names the route in metrics and traces.
		 * @param uriTemplate the path template; it may carry a query such as
		 * {@code ?page={page}}
		 * @param uriVariables the values of the template's variables, in order
		 * @return this builder
		 * @throws IllegalArgumentException if a variable has no value
		 * @since 0.1.0
		 */
		public Builder path(String uriTemplate, Object... uriVariables) {
			Objects.requireNonNull(uriTemplate, "uriTemplate must not be null");
			return template(uriTemplate, UriComponentsBuilder.fromUriString(uriTemplate)
				.encode()
				.buildAndExpand(uriVariables)
				.toUriString());
		}

		/**
		 * Target a URI template such as {@code /payments/{id}}, resolved against the
		 * client's base URL and expanded with the given variables by name; clears any
		 * absolute URI. Encoded as {@link #path(String, Object...)} does.
		 * @param uriTemplate the path template
		 * @param uriVariables the values of the template's variables, by name
		 * @return this builder
		 * @throws IllegalArgumentException if a variable has no value
		 * @since 0.1.0
		 */
		public Builder path(String uriTemplate, Map<String, ?> uriVariables) {
			Objects.requireNonNull(uriTemplate, "uriTemplate must not be null");
			Objects.requireNonNull(uriVariables, "uriVariables must not be null");
			return template(uriTemplate, UriComponentsBuilder.fromUriString(uriTemplate)
				.encode()
				.buildAndExpand(uriVariables)
				.toUriString());
		}

		private Builder template(String uriTemplate, String expanded) {
			this.path = expanded;
			this.uriTemplate = uriTemplate;
			this.uri = null;
			return this;
		}

		/**
		 * Target an absolute URI, used as it is; clears any path.
		 * @param uri the absolute URI
		 * @return this builder
		 */
		public Builder uri(URI uri) {
			Objects.requireNonNull(uri, "uri must not be null");
			if (!uri.isAbsolute()) {
				throw new IllegalArgumentException("uri must be absolute but was '" + uri + "'; use path(..) for a path");
			}
			this.uri = uri;
			this.path = null;
			this.uriTemplate = null;
			return this;
		}

		/**
		 * Add a query parameter; repeated names keep every value.
		 * @param name the parameter name
		 * @param values the values, not yet encoded
		 * @return this builder
		 */
		public Builder query(String name, Object... values) {
			Objects.requireNonNull(name, "query name must not be null");
			for (Object value : values) {
				this.query.add(name, String.valueOf(value));
			}
			return this;
		}

		/**
		 * Add a header value.
		 * @param name the header name
		 * @param values the values
		 * @return this builder
		 */
		public Builder header(String name, String... values) {
			Objects.requireNonNull(name, "header name must not be null");
			for (String value : values) {
				this.headers.add(name, value);
			}
			return this;
		}

		/**
		 * Add all of the given headers.
		 * @param headers the headers
		 * @return this builder
		 */
		public Builder headers(HttpHeaders headers) {
			headers.forEach(this.headers::addAll);
			return this;
		}

		/**
		 * Set the body.
		 * <p>
		 * A {@link Publisher} body is written element by element as the publisher emits,
		 * never gathered whole first. Its elements should all be of one kind: elements
		 * that are {@code byte[]}, {@link java.nio.ByteBuffer},
		 * {@link org.springframework.core.io.buffer.DataBuffer} or {@link CharSequence}
		 * are written as they are, whatever the {@code Content-Type}; any other elements
		 * are encoded one by one by the client's codecs as {@code Object}, so by their
		 * runtime type. To encode them as a declared type, as
		 * {@code WebClient}'s {@code body(Publisher, Class)} does, use
		 * {@link #body(Publisher, Class)}. A {@code Content-Type} of
		 * {@code application/x-ndjson} or another streaming type writes one encoded
		 * element per line or event.
		 * @param body an object for the client's codecs, a {@code byte[]}, a {@code String}
		 * or a {@link Publisher}; {@code null} for none
		 * @return this builder
		 */
		public Builder body(Object body) {
			this.body = body;
			this.bodyElementType = null;
			return this;
		}

		/**
		 * Set a body of elements of the given class, each encoded by the client's codecs
		 * as that class and written as the publisher emits it.
		 * @param <T> the element type
		 * @param body the elements
		 * @param elementClass the class to encode each element as
		 * @return this builder
		 * @since 0.1.0
		 * @see #body(Object)
		 */
		public <T> Builder body(Publisher<T> body, Class<T> elementClass) {
			Objects.requireNonNull(elementClass, "elementClass must not be null");
			return publisherBody(body, ResolvableType.forClass(elementClass));
		}

		/**
		 * Set a body of elements of the given generic type, each encoded by the client's
		 * codecs as that type and written as the publisher emits it.
		 * @param <T> the element type
		 * @param body the elements
		 * @param elementType the type to encode each element as
		 * @return this builder
		 * @since 0.1.0
		 * @see #body(Object)
		 */
		public <T> Builder body(Publisher<T> body, ParameterizedTypeReference<T> elementType) {
			Objects.requireNonNull(elementType, "elementType must not be null");
			return publisherBody(body, ResolvableType.forType(elementType));
		}

		private Builder publisherBody(Publisher<?> body, ResolvableType elementType) {
			this.body = Objects.requireNonNull(body, "body must not be null");
			this.bodyElementType = elementType;
			return this;
		}

		/**
		 * Override the client's overall deadline for this call.
		 * @param timeout a positive duration, or {@code null} for the client's
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
				throw new IllegalArgumentException("timeout must be positive but was " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Override the client's {@code stream.idle-timeout} for this call, when it is
		 * made as a {@link Connector#stream stream}: the longest gap between two elements.
		 * @param idleTimeout a positive duration, or {@code null} for the client's
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
				throw new IllegalArgumentException("idleTimeout must be positive but was " + idleTimeout);
			}
			this.idleTimeout = idleTimeout;
			return this;
		}

		/**
		 * Turn retries on or off for this call.
		 * @param retry the flag, or {@code null} for the client's setting
		 * @return this builder
		 */
		public Builder retry(Boolean retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Override the maximum number of attempts for this call.
		 * @param maxAttempts at least 1, or {@code null} for the client's setting
		 * @return this builder
		 */
		public Builder maxAttempts(Integer maxAttempts) {
			if (maxAttempts != null && maxAttempts < 1) {
				throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Declare whether this call is safe to repeat, whatever its method.
		 * @param idempotent the flag, or {@code null} to derive it from the method
		 * @return this builder
		 */
		public Builder idempotent(Boolean idempotent) {
			this.idempotent = idempotent;
			return this;
		}

		/**
		 * Set an attribute for interceptors; attributes are never sent.
		 * @param name the attribute name
		 * @param value the value, {@code null} to remove it
		 * @return this builder
		 */
		public Builder attribute(String name, Object value) {
			if (value == null) {
				this.attributes.remove(name);
			}
			else {
				this.attributes.put(name, value);
			}
			return this;
		}

		/**
		 * Build the request.
		 * @return an immutable request
		 */
		public ConnectorRequest build() {
			return new ConnectorRequest(this);
		}

	}

}
