package dev.connector.internal;

import java.nio.ByteBuffer;

import dev.connector.transport.TransportRequest;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * How a request's body is written by a client's codecs, as every transport that speaks HTTP
 * writes it: an object (including a {@code String} or {@code byte[]}) as a value, a
 * publisher as its declared element type, or, with none declared, by its first element.
 * Not API.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * Return the inserter that writes the request's body.
	 * @param request the request
	 * @return the inserter, or {@code null} if the request has no body
	 */
	public static BodyInserter<?, ReactiveHttpOutputMessage> inserter(TransportRequest request) {
		Object body = request.body();
		if (body instanceof Publisher<?> publisher) {
			@SuppressWarnings("unchecked")
			Publisher<Object> elements = (Publisher<Object>) publisher;
			ResolvableType elementType = request.bodyElementType();
			return (elementType != null)
					? BodyInserters.fromPublisher(elements, ParameterizedTypeReference.forType(elementType.getType()))
					: byFirstElement(elements);
		}
		return (body != null) ? BodyInserters.fromValue(body) : null;
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

}
