package dev.connector.transport.http;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Predicate;

import dev.connector.transport.ConnectionPoolView;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportRequest;
import dev.connector.transport.TransportResponse;
import io.netty.channel.group.ChannelGroup;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@code http} transport: one {@link WebClient} and its connection pool. Stateless per
 * call.
 */
final class HttpTransport implements Transport {

	private static final Predicate<HttpStatusCode> EVERY_STATUS = (status) -> true;

	private static final java.util.function.Function<ClientResponse, Mono<? extends Throwable>> NOT_AN_ERROR = (
			response) -> Mono.empty();

	private final WebClient webClient;

	private final ConnectionProvider connections;

	private final ChannelGroup channels;

	private final HttpConnectionPool pool;

	HttpTransport(WebClient webClient, ConnectionProvider connections, ChannelGroup channels,
			HttpConnectionPool pool) {
		this.webClient = webClient;
		this.connections = connections;
		this.channels = channels;
		this.pool = pool;
	}

	@Override
	public Optional<ConnectionPoolView> pool() {
		return Optional.of(this.pool);
	}

	@Override
	public Mono<TransportResponse> send(TransportRequest request) {
		WebClient.RequestBodySpec spec = this.webClient.method(request.method()).uri(request.uri());
		if (!request.headers().isEmpty()) {
			spec.headers((headers) -> headers.putAll(request.headers()));
		}
		Object body = request.body();
		WebClient.RequestHeadersSpec<?> ready = spec;
		if (body instanceof Publisher<?> publisher) {
			@SuppressWarnings("unchecked")
			Publisher<Object> elements = (Publisher<Object>) publisher;
			ResolvableType elementType = request.bodyElementType();
			ready = spec.body((elementType != null)
					? BodyInserters.fromPublisher(elements, ParameterizedTypeReference.forType(elementType.getType()))
					: byFirstElement(elements));
		}
		else if (body != null) {
			ready = spec.bodyValue(body);
		}
		return ready.retrieve()
			.onStatus(EVERY_STATUS, NOT_AN_ERROR)
			.toEntityFlux(DataBuffer.class)
			.map((entity) -> new TransportResponse(entity.getStatusCode().value(), entity.getHeaders(),
					entity.getBody()));
	}

	/**
	 * Write a publisher whose element type was not declared: elements that are bytes,
	 * buffers or text are written as what they are (as {@code WebClient} would with their
	 * class declared), anything else as {@code Object}. The first element tells which; the
	 * rest follow as they come, never gathered first.
	 */
	private static BodyInserter<Publisher<Object>, ReactiveHttpOutputMessage> byFirstElement(
			Publisher<Object> elements) {
		return (message, context) -> Flux.from(elements).switchOnFirst((first, all) -> {
			if (first.isOnError()) {
				return Mono.error(first.getThrowable());
			}
			if (!first.hasValue()) {
				return message.setComplete();
			}
			Object element = first.get();
			Class<?> elementClass = (element instanceof byte[] || element instanceof ByteBuffer
					|| element instanceof DataBuffer || element instanceof CharSequence) ? element.getClass()
							: Object.class;
			Publisher<Object> body = (elements instanceof Mono) ? Mono.from(all) : all;
			return BodyInserters.fromPublisher(body, ParameterizedTypeReference.forType(elementClass))
				.insert(message, context);
		}).then();
	}

	@Override
	public Mono<Void> disconnect() {
		// connections still serving calls are closed first, then the pool with its idle ones
		return Mono.<Void>create((sink) -> this.channels.close().addListener((closed) -> sink.success()))
			.then(this.connections.disposeLater());
	}
}
