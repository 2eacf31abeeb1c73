package dev.connector.service;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.service.invoker.AbstractReactorHttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.invoker.ReactiveHttpRequestValues;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An {@code HttpExchangeAdapter} for Spring's {@code HttpServiceProxyFactory} that makes
 * each call of an {@code @HttpExchange} interface through a {@link Connector}, so it gets
 * the client's base URL, headers, authentication, retries, deadlines, circuit breaker,
 * observation, health and exceptions. The method's URI template becomes the request's
 * {@link ConnectorRequest#uriTemplate() template}, so metrics name the route.
 * <p>
 * {@code Mono}, {@code Flux} (made with {@link Connector#stream}), a body {@code T},
 * {@code ResponseEntity<T>}, {@code HttpHeaders} and {@code void} return types are
 * supported; blocking ones wait without a limit of their own, the client's deadline bounds
 * them. Most applications use {@link ConnectorServices} rather than this class.
 *
 * @since 0.1.0
 */
public final class ConnectorHttpExchangeAdapter extends AbstractReactorHttpExchangeAdapter {

	private final Connector connector;

	/**
	 * The request attribute whose value, a {@link ConnectorCall}, overrides the client's
	 * settings for one call, after the adapter's own overrides: how a method's
	 * {@code @ConnectorCall} reaches the adapter when something other than
	 * {@link ConnectorServices} makes the proxy (Spring Boot 4's HTTP service groups, through
	 * a request-values processor, which sees the method).
	 */
	public static final String CALL_ATTRIBUTE = ConnectorCall.class.getName();

	private final UnaryOperator<ConnectorRequest.Builder> overrides;

	/** The overrides of each {@link #CALL_ATTRIBUTE} value seen, parsed once. */
	private final Map<ConnectorCall, UnaryOperator<ConnectorRequest.Builder>> callOverrides = new ConcurrentHashMap<>();

	/**
	 * Create an adapter for the given client, without overrides.
	 * @param connector the client that makes the calls
	 */
	public ConnectorHttpExchangeAdapter(Connector connector) {
		this(connector, UnaryOperator.identity());
	}

	/**
	 * Create an adapter for the given client that applies overrides to each request.
	 * @param connector the client that makes the calls
	 * @param overrides applied to each request's builder before it is built, such as
	 * {@code (request) -> request.retry(false)}
	 */
	public ConnectorHttpExchangeAdapter(Connector connector, UnaryOperator<ConnectorRequest.Builder> overrides) {
		this.connector = Objects.requireNonNull(connector, "connector must not be null");
		this.overrides = Objects.requireNonNull(overrides, "overrides must not be null");
	}

	@Override
	public boolean supportsRequestAttributes() {
		return true;
	}

	@Override
	public Mono<Void> exchangeForMono(HttpRequestValues values) {
		return this.connector.request(toRequest(values)).then();
	}

	@Override
	public Mono<HttpHeaders> exchangeForHeadersMono(HttpRequestValues values) {
		return this.connector.request(toRequest(values)).map(ConnectorResponse::headers);
	}

	@Override
	public <T> Mono<T> exchangeForBodyMono(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		return this.connector.request(toRequest(values), bodyType);
	}

	@Override
	public <T> Flux<T> exchangeForBodyFlux(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		return this.connector.stream(toRequest(values), bodyType);
	}

	@Override
	public Mono<ResponseEntity<Void>> exchangeForBodilessEntityMono(HttpRequestValues values) {
		return this.connector.request(toRequest(values))
			.map((response) -> ResponseEntity.status(response.status()).headers(response.headers()).build());
	}

	@Override
	public <T> Mono<ResponseEntity<T>> exchangeForEntityMono(HttpRequestValues values,
			ParameterizedTypeReference<T> bodyType) {
		return this.connector.request(toRequest(values))
			.map((response) -> ResponseEntity.status(response.status())
				.headers(response.headers())
				.body((response.bodyLength() > 0) ? response.body(bodyType) : null));
	}

	@Override
	public <T> Mono<ResponseEntity<Flux<T>>> exchangeForEntityFlux(HttpRequestValues values,
			ParameterizedTypeReference<T> bodyType) {
		return Mono.error(new UnsupportedOperationException(
				"ResponseEntity<Flux<T>> is not supported through a Connector; return Flux<T> to stream"));
	}

	private ConnectorRequest toRequest(HttpRequestValues values) {
		ConnectorRequest.Builder request = target(values);
		HttpHeaders headers = values.getHeaders();
		if (!headers.isEmpty()) {
			request.headers(headers);
		}
		MultiValueMap<String, String> cookies = values.getCookies();
		if (!cookies.isEmpty()) {
			StringBuilder cookie = new StringBuilder();
			cookies.forEach((name, cookieValues) -> cookieValues.forEach((value) -> cookie
				.append((cookie.length() > 0) ? "; " : "").append(name).append('=').append(value)));
			request.header(HttpHeaders.COOKIE, cookie.toString());
		}
		ConnectorCall call = null;
		for (Map.Entry<String, Object> attribute : values.getAttributes().entrySet()) {
			if (CALL_ATTRIBUTE.equals(attribute.getKey()) && attribute.getValue() instanceof ConnectorCall declared) {
				call = declared;
			}
			else {
				request.attribute(attribute.getKey(), attribute.getValue());
			}
		}
		body(values, request);
		ConnectorRequest.Builder overridden = this.overrides.apply(request);
		if (call != null) {
			overridden = this.callOverrides.computeIfAbsent(call, ConnectorHttpExchangeAdapter::overrides)
				.apply(overridden);
		}
		return overridden.build();
	}

	private static ConnectorRequest.Builder target(HttpRequestValues values) {
		URI uri = values.getUri();
		if (uri != null) {
			return uri.isAbsolute() ? ConnectorRequest.method(values.getHttpMethod(), uri)
					: ConnectorRequest.method(values.getHttpMethod(), uri.toString());
		}
		String template = Objects.requireNonNullElse(values.getUriTemplate(), "");
		Map<String, String> variables = values.getUriVariables();
		if (template.contains("://")) {
			// an absolute URL on the interface: used as it is, after expansion
			return ConnectorRequest.method(values.getHttpMethod(),
					UriComponentsBuilder.fromUriString(template).encode().buildAndExpand(variables).toUri());
		}
		return ConnectorRequest.method(values.getHttpMethod(), "").path(template, variables);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void body(HttpRequestValues values, ConnectorRequest.Builder request) {
		if (values.getBodyValue() != null) {
			request.body(values.getBodyValue());
		}
		else if (values instanceof ReactiveHttpRequestValues reactive && reactive.getBodyPublisher() != null) {
			ParameterizedTypeReference<?> elementType = reactive.getBodyPublisherElementType();
			if (elementType != null) {
				request.body((Publisher) reactive.getBodyPublisher(), (ParameterizedTypeReference) elementType);
			}
			else {
				request.body(reactive.getBodyPublisher());
			}
		}
	}

	/**
	 * Return the overrides an annotation declares, as a function of a request's builder.
	 * @param call the annotation, or {@code null} for none
	 * @return the overrides
	 */
	static UnaryOperator<ConnectorRequest.Builder> overrides(ConnectorCall call) {
		if (call == null) {
			return UnaryOperator.identity();
		}
		Duration timeout = call.timeout().isEmpty() ? null
				: DurationFormatterUtils.detectAndParse(call.timeout());
		Boolean retry = call.retry() ? null : Boolean.FALSE;
		Integer maxAttempts = (call.maxAttempts() > 0) ? call.maxAttempts() : null;
		Boolean idempotent = call.idempotent() ? Boolean.TRUE : null;
		return (request) -> {
			if (timeout != null) {
				request.timeout(timeout);
			}
			if (retry != null) {
				request.retry(retry);
			}
			if (maxAttempts != null) {
				request.maxAttempts(maxAttempts);
			}
			if (idempotent != null) {
				request.idempotent(idempotent);
			}
			return request;
		};
	}


}
