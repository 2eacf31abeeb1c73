package dev.connector.internal;

import java.util.List;
import java.util.function.Function;

import dev.connector.ConnectorInterceptor;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import reactor.core.publisher.Mono;

/**
 * The interceptor chain of one attempt: the client's interceptors and a position, as in
 * OkHttp. After the last interceptor comes the exchange with the transport.
 */
final class RealInterceptorChain implements ConnectorInterceptor.Chain {

	private final String clientName;

	private final List<ConnectorInterceptor> interceptors;

	private final int index;

	private final Function<ConnectorRequest, Mono<ConnectorResponse>> exchange;

	RealInterceptorChain(String clientName, List<ConnectorInterceptor> interceptors, int index,
			Function<ConnectorRequest, Mono<ConnectorResponse>> exchange) {
		this.clientName = clientName;
		this.interceptors = interceptors;
		this.index = index;
		this.exchange = exchange;
	}

	@Override
	public String clientName() {
		return this.clientName;
	}

	@Override
	public Mono<ConnectorResponse> proceed(ConnectorRequest request) {
		if (this.index == this.interceptors.size()) {
			return this.exchange.apply(request);
		}
		ConnectorInterceptor.Chain next = new RealInterceptorChain(this.clientName, this.interceptors, this.index + 1,
				this.exchange);
		return this.interceptors.get(this.index).intercept(request, next);
	}

}
