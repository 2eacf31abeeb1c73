package dev.connector.autoconfigure;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * A connector whose delegate can be replaced while calls are made, as when a client's SSL
 * bundle is updated: each exchange runs on the delegate current when it starts, and
 * exchanges already started finish on theirs.
 */
final class ReloadableClientHttpConnector implements ClientHttpConnector {

	private final AtomicReference<ClientHttpConnector> current;

	ReloadableClientHttpConnector(ClientHttpConnector initial) {
		this.current = new AtomicReference<>(initial);
	}

	void reload(ClientHttpConnector connector) {
		this.current.set(connector);
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return Mono.defer(() -> this.current.get().connect(method, uri, requestCallback));
	}

}
