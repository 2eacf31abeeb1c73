package dev.connector.transport.http;

import java.util.Optional;
import java.util.function.Predicate;

import dev.connector.internal.RequestBodies;
import dev.connector.transport.ConnectionPoolView;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportRequest;
import dev.connector.transport.TransportResponse;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
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

	private final PooledHttpClient connections;

	HttpTransport(WebClient webClient, PooledHttpClient connections) {
		this.webClient = webClient;
		this.connections = connections;
	}

	@Override
	public Optional<ConnectionPoolView> pool() {
		return this.connections.pool();
	}

	@Override
	public Mono<TransportResponse> send(TransportRequest request) {
		WebClient.RequestBodySpec spec = this.webClient.method(request.method()).uri(request.uri());
		if (!request.headers().isEmpty()) {
			// put per name, not putAll(Map): Framework 7's HttpHeaders is no Map
			spec.headers((headers) -> request.headers().forEach(headers::put));
		}
		BodyInserter<?, ReactiveHttpOutputMessage> body = RequestBodies.inserter(request);
		WebClient.RequestHeadersSpec<?> ready = (body != null) ? spec.body(body) : spec;
		return ready.retrieve()
			.onStatus(EVERY_STATUS, NOT_AN_ERROR)
			.toEntityFlux(DataBuffer.class)
			.map((entity) -> new TransportResponse(entity.getStatusCode().value(), entity.getHeaders(),
					entity.getBody()));
	}

	@Override
	public Mono<Void> disconnect() {
		// connections still serving calls are closed first, then the pool with its idle ones
		return this.connections.disconnect();
	}

}
