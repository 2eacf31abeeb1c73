package dev.connector.internal;

import java.net.URI;
import java.util.Map;

import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportRequest;
import dev.connector.transport.TransportResponse;
import dev.connector.transport.UriResolver;
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
		URI uri = this.uris.resolve(request);
		ConnectorResponse.BodyReader reader = this.decoder.reader(request.method());
		int number = attempt.number();
		return this.transport.send(outgoing(request, uri, attempt, progress))
			.flatMap((response) -> buffered(response, number, uri, reader));
	}

	/**
	 * Open a stream: the response is emitted once its headers arrived, without its body,
	 * which the attempt keeps for the stream to read. An error status reads the body, for
	 * its excerpt, as a call does.
	 */
	Mono<ConnectorResponse> open(ConnectorRequest request, Attempt attempt, CallProgress progress) {
		URI uri = this.uris.resolve(request);
		ConnectorResponse.BodyReader reader = this.decoder.reader(request.method());
		int number = attempt.number();
		return this.transport.send(outgoing(request, uri, attempt, progress)).flatMap((response) -> {
			if (response.status() >= 400) {
				return buffered(response, number, uri, reader);
			}
			attempt.streamed(response.body());
			return Mono.just(ConnectorResponse.received(response.status(), response.headers(), null, number, uri,
					reader));
		});
	}

	/**
	 * Read a response's whole body, bounded by {@code max-in-memory-size}.
	 */
	private Mono<ConnectorResponse> buffered(TransportResponse response, int attempt, URI uri,
			ConnectorResponse.BodyReader reader) {
		return DataBufferUtils.join(response.body(), this.maxInMemorySize)
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
			if (!request.headers().containsKey(name)) {
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
