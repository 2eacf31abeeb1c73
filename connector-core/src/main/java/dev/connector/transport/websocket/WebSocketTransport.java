package dev.connector.transport.websocket;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.connector.config.ClientSettings;
import dev.connector.transport.SessionTransport;
import dev.connector.transport.TransportRequest;
import dev.connector.transport.TransportResponse;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.http.HttpHeaders;

/**
 * The {@code websocket} transport: one WebSocket connection per call, stream or session,
 * never shared, opened on Reactor Netty's WebSocket client. A call sends its body as
 * messages and reads the first reply; a stream reads every message; a session sends what
 * the application sends for as long as it lasts.
 */
final class WebSocketTransport implements SessionTransport {

	private final ClientSettings settings;

	private final HttpClient client;

	private final WebsocketClientSpec spec;

	private final MessageEncoder encoder;

	private final ChannelGroup connections;

	private final Set<WebSocketExchange> open = ConcurrentHashMap.newKeySet();

	WebSocketTransport(ClientSettings settings, HttpClient client, WebsocketClientSpec spec, MessageEncoder encoder,
			ChannelGroup connections) {
		this.settings = settings;
		this.client = client;
		this.spec = spec;
		this.encoder = encoder;
		this.connections = connections;
	}

	@Override
	public Mono<TransportResponse> send(TransportRequest request) {
		return exchange(request);
	}

	@Override
	public Mono<TransportResponse> open(TransportRequest request) {
		return exchange(request);
	}

	/**
	 * Connect and make the handshake; emit its response once it completed, with the
	 * connection handed to the response's body.
	 */
	private Mono<TransportResponse> exchange(TransportRequest request) {
		return Mono.create((sink) -> {
			AtomicBoolean handedOver = new AtomicBoolean();
			Disposable connection = this.client.headers((headers) -> request.headers().forEach(headers::set))
				.websocket(this.spec).uri(request.uri()).handle((inbound, outbound) -> {
				WebSocketExchange exchange = new WebSocketExchange(inbound, outbound, request, this.settings,
						this.encoder);
				this.open.add(exchange);
				handedOver.set(true);
				sink.success(exchange.response());
				return exchange.lifetime().doFinally((signal) -> this.open.remove(exchange));
			}).subscribe(null, (error) -> {
				if (!handedOver.get()) {
					refused(error, sink);
				}
				// after the handshake, the messages of the response tell what went wrong
			});
			sink.onCancel(() -> {
				if (!handedOver.get()) {
					connection.dispose();
				}
			});
		});
	}

	/**
	 * Emit a handshake answered with a status other than 101 as a response of that status,
	 * as an HTTP transport would; any other failure as an error.
	 */
	private static void refused(Throwable error, MonoSink<TransportResponse> sink) {
		if (error instanceof WebSocketClientHandshakeException handshake && handshake.response() != null
				&& handshake.response().status().code() != 101) {
			HttpResponse response = handshake.response();
			HttpHeaders headers = new HttpHeaders();
			response.headers().forEach((header) -> headers.add(header.getKey(), header.getValue()));
			sink.success(new TransportResponse(response.status().code(), headers, Flux.empty()));
		}
		else if (error instanceof WebSocketHandshakeException) {
			sink.error(new IOException("WebSocket handshake failed: " + error.getMessage(), error));
		}
		else {
			sink.error(error);
		}
	}

	@Override
	public Mono<Void> disconnect() {
		// open sessions get a close frame (1001, going away); connections still in their handshake are cut
		return Flux.fromIterable(this.open)
			.flatMap((exchange) -> exchange.close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE))
			.then(Mono.<Void>create((sink) -> this.connections.close().addListener((closed) -> sink.success())));
	}

}
