package dev.connector.transport.netty;

import java.net.URI;

import io.netty.buffer.ByteBuf;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;
import org.springframework.http.support.Netty4HeadersAdapter;

/**
 * One outgoing Reactor Netty request as the output message Spring's codecs write a body
 * to. Its headers are the Netty request's own, so what a writer sets ({@code Content-Type},
 * {@code Content-Length}) goes straight onto the request.
 */
final class NettyClientRequest extends AbstractClientHttpRequest {

	private final HttpMethod method;

	private final URI uri;

	private final HttpClientRequest request;

	private final NettyOutbound outbound;

	private final NettyDataBufferFactory buffers;

	NettyClientRequest(HttpMethod method, URI uri, HttpClientRequest request, NettyOutbound outbound,
			NettyDataBufferFactory buffers) {
		super(new HttpHeaders(new Netty4HeadersAdapter(request.requestHeaders())));
		this.method = method;
		this.uri = uri;
		this.request = request;
		this.outbound = outbound;
		this.buffers = buffers;
	}

	@Override
	public HttpMethod getMethod() {
		return this.method;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

	@Override
	public DataBufferFactory bufferFactory() {
		return this.buffers;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getNativeRequest() {
		return (T) this.request;
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		return doCommit(() -> (body instanceof Mono)
				// a Mono lets Reactor Netty set Content-Length and write in one go
				? this.outbound.send(Mono.from(body).map(NettyDataBufferFactory::toByteBuf)).then()
				: this.outbound.send(Flux.from(body).map(NettyDataBufferFactory::toByteBuf)).then());
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		Publisher<Publisher<ByteBuf>> groups = Flux.from(body)
			.map((group) -> Flux.from(group).map(NettyDataBufferFactory::toByteBuf));
		return doCommit(() -> this.outbound.sendGroups(groups).then());
	}

	@Override
	public Mono<Void> setComplete() {
		return doCommit(this.outbound::then);
	}

	@Override
	protected void applyHeaders() {
		// the headers are the Netty request's own: nothing to copy
	}

	@Override
	protected void applyCookies() {
		// requests carry cookies as Cookie headers, never through this message's cookie map
	}

}
