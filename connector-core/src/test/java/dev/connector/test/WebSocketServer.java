package dev.connector.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A real WebSocket server on the loopback interface for tests: records the headers of every
 * handshake, counts handshakes and open connections, and lets each test answer a handshake
 * (upgrade it, or refuse it with a status).
 */
public final class WebSocketServer implements AutoCloseable {

	private final DisposableServer server;

	private final List<HttpHeaders> handshakes = new CopyOnWriteArrayList<>();

	private final AtomicInteger openConnections = new AtomicInteger();

	private WebSocketServer(Handler handler) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnConnection((connection) -> {
				this.openConnections.incrementAndGet();
				connection.onDispose(this.openConnections::decrementAndGet);
			})
			.handle((request, response) -> {
				this.handshakes.add(request.requestHeaders().copy());
				return handler.handle(request, response, this.handshakes.size());
			})
			.bindNow();
	}

	/**
	 * Start a server that answers every handshake with the given handler.
	 * @param handler answers each handshake, told its number (from 1)
	 * @return the running server
	 */
	public static WebSocketServer start(Handler handler) {
		return new WebSocketServer(handler);
	}

	/**
	 * Start a server that upgrades every handshake and runs the given WebSocket handler.
	 * @param websocket handles each WebSocket
	 * @return the running server
	 */
	public static WebSocketServer upgrading(
			BiFunction<? super WebsocketInbound, ? super WebsocketOutbound, ? extends Publisher<Void>> websocket) {
		return new WebSocketServer((request, response, number) -> response.sendWebsocket(websocket));
	}

	/**
	 * Return a handler that sends back each text message it receives, prefixed, until the
	 * client closes.
	 * @param prefix put before each message
	 * @return a WebSocket handler
	 */
	public static BiFunction<WebsocketInbound, WebsocketOutbound, Publisher<Void>> echo(String prefix) {
		return (in, out) -> out.sendString(in.aggregateFrames().receive().asString().map((text) -> prefix + text));
	}

	public String url() {
		return "ws://127.0.0.1:" + this.server.port();
	}

	public int port() {
		return this.server.port();
	}

	/**
	 * Return the request headers of every handshake so far, in order.
	 * @return the headers
	 */
	public List<HttpHeaders> handshakes() {
		return this.handshakes;
	}

	public int openConnections() {
		return this.openConnections.get();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	/**
	 * Answers a handshake.
	 */
	@FunctionalInterface
	public interface Handler {

		/**
		 * Answer one handshake.
		 * @param request the handshake's request
		 * @param response its response: {@code sendWebsocket} to upgrade, a status to refuse
		 * @param number the handshake's number, from 1
		 * @return a publisher completing when the exchange is over
		 */
		Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, int number);

	}

	/**
	 * Refuse a handshake with a status.
	 * @param response the handshake's response
	 * @param status the status
	 * @return a publisher completing once the refusal is sent
	 */
	public static Publisher<Void> refuse(HttpServerResponse response, int status) {
		return response.status(status).sendString(Mono.just("refused"));
	}

}
