package dev.connector.transport.netty;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.connector.internal.RequestBodies;
import dev.connector.transport.ConnectionPoolView;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportRequest;
import dev.connector.transport.TransportResponse;
import dev.connector.transport.http.PooledHttpClient;
import io.netty.buffer.ByteBufAllocator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.web.reactive.function.BodyInserter;

/**
 * The {@code netty} transport: one Reactor Netty {@code HttpClient} and its connection
 * pool, the request written and the response read as Spring's
 * {@code ReactorClientHttpConnector} does, without {@code WebClient} around them. Stateless
 * per call.
 */
final class NettyTransport implements Transport {

	private final Supplier<HttpClient> httpClients;

	private final PooledHttpClient connections;

	private final BodyInserter.Context codecs;

	private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

	NettyTransport(Supplier<HttpClient> httpClients, PooledHttpClient connections,
			List<HttpMessageWriter<?>> writers) {
		this.httpClients = httpClients;
		this.connections = connections;
		this.codecs = new Codecs(List.copyOf(writers));
	}

	@Override
	public Optional<ConnectionPoolView> pool() {
		return this.connections.pool();
	}

	@Override
	public Mono<TransportResponse> send(TransportRequest request) {
		HttpMethod method = request.method();
		URI uri = request.uri();
		BodyInserter<?, ReactiveHttpOutputMessage> body = RequestBodies.inserter(request);
		// per call: the response whose body was not read yet, drained if the call is cancelled
		AtomicReference<ResponseBody> received = new AtomicReference<>();
		return this.httpClients.get()
			.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
			.uri(uri)
			.send((nettyRequest, outbound) -> {
				HttpHeaders headers = request.headers();
				if (!headers.isEmpty()) {
					io.netty.handler.codec.http.HttpHeaders target = nettyRequest.requestHeaders();
					headers.forEach(target::set);
				}
				if (body == null) {
					return outbound;
				}
				return body.insert(new NettyClientRequest(method, uri, nettyRequest, outbound, this.buffers),
						this.codecs);
			})
			.responseConnection((response, connection) -> {
				ResponseBody responseBody = new ResponseBody(connection.inbound(), this.buffers);
				received.set(responseBody);
				return Mono.just(new TransportResponse(response.status().code(), headers(response),
						responseBody.flux()));
			})
			.next()
			.doOnCancel(() -> {
				ResponseBody responseBody = received.get();
				if (responseBody != null) {
					responseBody.releaseUnread();
				}
			});
	}

	private static HttpHeaders headers(HttpClientResponse response) {
		return HttpHeaders.readOnlyHttpHeaders(new Netty4HeadersAdapter(response.responseHeaders()));
	}

	@Override
	public Mono<Void> disconnect() {
		return this.connections.disconnect();
	}

	/**
	 * The body of one response: read once, or, if the call was cancelled before anyone read
	 * it, drained and released, so that the connection goes back to the pool.
	 */
	private static final class ResponseBody {

		private static final int UNREAD = 0;

		private static final int READ = 1;

		private static final int RELEASED = 2;

		private final NettyInbound inbound;

		private final NettyDataBufferFactory buffers;

		private final AtomicInteger state = new AtomicInteger(UNREAD);

		ResponseBody(NettyInbound inbound, NettyDataBufferFactory buffers) {
			this.inbound = inbound;
			this.buffers = buffers;
		}

		Flux<DataBuffer> flux() {
			return this.inbound.receive().doOnSubscribe((subscription) -> {
				if (this.state.compareAndExchange(UNREAD, READ) == RELEASED) {
					throw new IllegalStateException("The response body was released already: the call was cancelled");
				}
			}).map((byteBuf) -> this.buffers.wrap(byteBuf.retain()));
		}

		void releaseUnread() {
			if (this.state.compareAndSet(UNREAD, RELEASED)) {
				this.inbound.receive().subscribe((byteBuf) -> {
				}, (error) -> {
				});
			}
		}

	}

	/**
	 * The writers of the client's codecs, as {@code WebClient} hands them to an inserter.
	 */
	private record Codecs(List<HttpMessageWriter<?>> messageWriters) implements BodyInserter.Context {

		@Override
		public Optional<ServerHttpRequest> serverRequest() {
			return Optional.empty();
		}

		@Override
		public Map<String, Object> hints() {
			return Collections.emptyMap();
		}

	}

}
