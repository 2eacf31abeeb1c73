package dev.connector.autoconfigure;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * A connector on an {@code HttpClient} that can be replaced while calls are made, as when a
 * client's SSL bundle is updated: each exchange runs on the client current when it starts,
 * and exchanges already started finish on theirs.
 */
final class ReloadableClientHttpConnector implements ClientHttpConnector {

	private final Supplier<HttpClient> httpClients;

	private volatile Current current;

	ReloadableClientHttpConnector(Supplier<HttpClient> httpClients) {
		this.httpClients = httpClients;
		HttpClient initial = httpClients.get();
		this.current = new Current(initial, new ReactorClientHttpConnector(initial));
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return Mono.defer(() -> connector().connect(method, uri, requestCallback));
	}

	private ClientHttpConnector connector() {
		HttpClient httpClient = this.httpClients.get();
		Current current = this.current;
		if (current.httpClient() != httpClient) {
			current = new Current(httpClient, new ReactorClientHttpConnector(httpClient));
			this.current = current;
		}
		return current.connector();
	}

	private record Current(HttpClient httpClient, ClientHttpConnector connector) {
	}

}
