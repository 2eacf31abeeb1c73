package dev.connector.internal;

import java.net.URI;
import java.util.Map;
import java.util.function.Function;

import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.transport.SessionTransport;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportRequest;
import dev.connector.transport.TransportResponse;
import dev.connector.transport.UriResolver;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The end of every interceptor chain: resolves the request's URI, adds the attempt's trace
 * propagation headers, sends it through the transport and reads the whole body, bounded by
 * the client's {@code max-in-memory-size}.
 */
final class TransportExchange {

	private final Transport transport;

	private final UriResolver uris;

	private final BodyDecoder decoder;

	private final int maxInMemorySize;

	private final UriRedactor redactor;

	TransportExchange(Transport transport, UriResolver uris, BodyDecoder decoder, int maxInMemorySize,
			UriRedactor redactor) {
		this.transport = transport;
		this.uris = uris;
		this.decoder = decoder;
		this.maxInMemorySize = maxInMemorySize;
		this.redactor = redactor;
	}

	Mono<ConnectorResponse> send(ConnectorRequest request, Attempt attempt, CallProgress progress) {
		return send(request, attempt, progress, 1);
	}

	/**
	 * Send a health probe: as {@link #send}, except that of a message-oriented transport
	 * the handshake is the answer, and no reply is waited for.
	 */
	Mono<ConnectorResponse> probe(ConnectorRequest request, Attempt attempt, CallProgress progress) {
		return send(request, attempt, progress, 0);
	}

	private Mono<ConnectorResponse> send(ConnectorRequest request, Attempt attempt, CallProgress progress,
			int messages) {
		URI uri = this.uris.resolve(request);
		ConnectorResponse.BodyReader reader = this.decoder.reader(request.method());
		int number = attempt.number();
		return this.transport.send(outgoing(request, uri, attempt, progress)).flatMap((response) -> {
			if (response.messages() && response.status() < 400) {
				progress.exchangingMessages();
			}
			return buffered(response, number, uri, reader, messages);
		});
	}

	/**
	 * Open a stream: the response is emitted once its headers arrived, without its body,
	 * which the attempt keeps for the stream to read. An error status reads the body, for
	 * its excerpt, as a call does.
	 */
	Mono<ConnectorResponse> open(ConnectorRequest request, Attempt attempt, CallProgress progress) {
		return open(request, attempt, progress, this.transport::send);
	}

	/**
	 * Open a session, as a stream is opened.
	 * @throws ClassCastException if the transport holds no sessions, which the caller checked
	 */
	Mono<ConnectorResponse> openSession(ConnectorRequest request, Attempt attempt, CallProgress progress) {
		return open(request, attempt, progress, ((SessionTransport) this.transport)::open);
	}

	boolean holdsSessions() {
		return this.transport instanceof SessionTransport;
	}

	private Mono<ConnectorResponse> open(ConnectorRequest request, Attempt attempt, CallProgress progress,
			Function<TransportRequest, Mono<TransportResponse>> exchange) {
		URI uri = this.uris.resolve(request);
		ConnectorResponse.BodyReader reader = this.decoder.reader(request.method());
		int number = attempt.number();
		return exchange.apply(outgoing(request, uri, attempt, progress)).flatMap((response) -> {
			if (response.status() >= 400) {
				return buffered(response, number, uri, reader, 1);
			}
			if (response.messages()) {
				progress.exchangingMessages();
			}
			attempt.streamed(response.body(), response.messages());
			return Mono.just(ConnectorResponse.received(response.status(), response.headers(), null, number, uri,
					reader));
		});
	}

	/**
	 * Read a response's whole body, bounded by {@code max-in-memory-size}; of a
	 * message-oriented response, its first messages (one, or none), which ends the exchange.
	 */
	private Mono<ConnectorResponse> buffered(TransportResponse response, int attempt, URI uri,
			ConnectorResponse.BodyReader reader, int messages) {
		Flux<DataBuffer> chunks = response.messages() ? response.body().take(messages, true) : response.body();
		return DataBufferUtils.join(chunks, this.maxInMemorySize)
			.map((body) -> ConnectorResponse.received(response.status(), response.headers(), toBytes(body), attempt,
					uri, reader))
			.switchIfEmpty(Mono.fromSupplier(() -> ConnectorResponse.received(response.status(), response.headers(),
					null, attempt, uri, reader)));
	}

	/**
	 * Note where the attempt goes, and add the trace headers its observation asked for.
	 */
	private TransportRequest outgoing(ConnectorRequest request, URI uri, Attempt attempt, CallProgress progress) {
		progress.sentTo(uri);
		if (attempt.context() != null) {
			// observation tags and spans show the URI: never a secret of its query
			attempt.context().setUri(this.redactor.redact(uri));
		}
		return new TransportRequest(withPropagationHeaders(request, attempt.propagationHeaders()), uri);
	}

	private static ConnectorRequest withPropagationHeaders(ConnectorRequest request, Map<String, String> propagation) {
		if (propagation.isEmpty()) {
			return request;
		}
		ConnectorRequest.Builder builder = request.toBuilder();
		propagation.forEach((name, value) -> {
			if (request.headers().getFirst(name) == null) {
				builder.header(name, value);
			}
		});
		return builder.build();
	}

	private static byte[] toBytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
