package dev.connector.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP server on the loopback interface for tests: records every request (with its
 * body) unless started {@link #startUnrecorded unrecorded}, counts open connections and
 * lets each test decide the responses.
 */
public final class LoopbackServer implements AutoCloseable {

	private final DisposableServer server;

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger openConnections = new AtomicInteger();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final boolean recording;

	private final boolean secure;

	private LoopbackServer(Handler handler, Consumer<byte[]> bodyChunks, boolean recording) {
		this(UnaryOperator.identity(), handler, bodyChunks, recording);
	}

	private LoopbackServer(UnaryOperator<HttpServer> configuration, Handler handler, Consumer<byte[]> bodyChunks,
			boolean recording) {
		this.recording = recording;
		HttpServer server = configuration.apply(HttpServer.create());
		this.secure = server.configuration().isSecure();
		this.server = server
			.host("127.0.0.1")
			.port(0)
			.doOnConnection((connection) -> {
				this.openConnections.incrementAndGet();
				connection.onDispose(this.openConnections::decrementAndGet);
			})
			.handle((request, response) -> request.receive()
				.asByteArray()
				.doOnNext(bodyChunks)
				.collect(ByteArrayOutputStream::new, ByteArrayOutputStream::writeBytes)
				.map(ByteArrayOutputStream::toByteArray)
				.flatMap((body) -> {
					java.util.concurrent.atomic.AtomicBoolean handled = new java.util.concurrent.atomic.AtomicBoolean();
					Runnable responding = () -> {
						if (handled.compareAndSet(false, true)) {
							this.inFlight.decrementAndGet();
						}
					};
					RecordedRequest recorded = new RecordedRequest(request.method().name(), request.uri(),
							request.requestHeaders().copy(), body, responding, request.protocol());
					if (this.recording) {
						this.requests.add(recorded);
					}
					this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
					return Mono.from(handler.handle(recorded, response)).doFinally((signal) -> responding.run());
				}))
			.bindNow();
	}

	/**
	 * Start a server.
	 * @param handler answers each request
	 * @return the running server
	 */
	public static LoopbackServer start(Handler handler) {
		return new LoopbackServer(handler, (chunk) -> {
		}, true);
	}

	/**
	 * Start a server configured further, such as with TLS ({@code secure}) or other HTTP
	 * versions ({@code protocol}); a secure server's {@link #baseUrl()} is {@code https}.
	 * @param configuration configures the server before it binds to the loopback interface
	 * @param handler answers each request
	 * @return the running server
	 */
	public static LoopbackServer start(UnaryOperator<HttpServer> configuration, Handler handler) {
		return new LoopbackServer(configuration, handler, (chunk) -> {
		}, true);
	}

	/**
	 * Start a server that keeps no record of the requests it answers, for load and memory
	 * tests where a record of every request would be the largest thing on the heap.
	 * {@link #requests()} stays empty.
	 * @param handler answers each request
	 * @return the running server
	 */
	public static LoopbackServer startUnrecorded(Handler handler) {
		return new LoopbackServer(handler, (chunk) -> {
		}, false);
	}

	/**
	 * Start a server that reports each chunk of a request body as it reads it, before the
	 * whole body has arrived and the handler is called.
	 * @param handler answers each request
	 * @param bodyChunks told of each body chunk, on the server's event loop
	 * @return the running server
	 */
	public static LoopbackServer start(Handler handler, Consumer<byte[]> bodyChunks) {
		return new LoopbackServer(handler, bodyChunks, true);
	}

	/**
	 * Return a port on the loopback interface that nothing listens on.
	 * @return the port
	 */
	public static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String baseUrl() {
		return (this.secure ? "https" : "http") + "://127.0.0.1:" + this.server.port();
	}

	public int port() {
		return this.server.port();
	}

	public List<RecordedRequest> requests() {
		return this.requests;
	}

	public RecordedRequest lastRequest() {
		return this.requests.get(this.requests.size() - 1);
	}

	public int openConnections() {
		return this.openConnections.get();
	}

	/**
	 * Return how many requests the server is handling now.
	 * @return the requests in flight
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Answer after a delay, counting the request out of the in-flight ones just before the
	 * response is written.
	 * @param delay how long to hold the request
	 * @param body the response body for a request
	 * @return a handler
	 */
	public static Handler delayed(Duration delay, java.util.function.Function<RecordedRequest, String> body) {
		return (request, response) -> Mono.delay(delay)
			.doOnNext((tick) -> request.respondingNow())
			.thenEmpty(response.sendString(Mono.just(body.apply(request))));
	}

	/**
	 * Reset the connection (TCP RST) instead of answering.
	 * @param response the response whose connection to reset
	 * @return a publisher completing once the connection is closed
	 */
	public static Publisher<Void> reset(HttpServerResponse response) {
		return response.withConnection((connection) -> {
			connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
			connection.channel().close();
		}).then();
	}

	/**
	 * Close the connection (TCP FIN) in the middle of a response, as a server that goes
	 * away does: what was sent before arrives, then the response ends before its end.
	 * @param response the response whose connection to close
	 * @return a publisher that closes the connection when subscribed, so that it can follow
	 * what is sent first
	 */
	public static Publisher<Void> drop(HttpServerResponse response) {
		return Mono.fromRunnable(() -> response.withConnection((connection) -> connection.channel().close()));
	}

	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	/**
	 * Answers a recorded request.
	 */
	@FunctionalInterface
	public interface Handler {

		Publisher<Void> handle(RecordedRequest request, HttpServerResponse response);

	}

	/**
	 * A request as the server received it.
	 *
	 * @param method the method
	 * @param uri the request target, path and query
	 * @param headers the headers
	 * @param bodyBytes the body as it arrived
	 * @param responding marks the request as no longer in flight
	 * @param protocol the HTTP version it came in, such as {@code HTTP/1.1} or {@code HTTP/2.0}
	 */
	public record RecordedRequest(String method, String uri, HttpHeaders headers, byte[] bodyBytes,
			Runnable responding, String protocol) {

		/**
		 * Return the body as UTF-8 text.
		 * @return the body, empty for none
		 */
		public String body() {
			return new String(this.bodyBytes, StandardCharsets.UTF_8);
		}

		/**
		 * Count this request out of the in-flight requests now, before its response is
		 * written: once the client has the response it may send the next request, and that
		 * must not be seen as overlapping this one.
		 */
		public void respondingNow() {
			this.responding.run();
		}

		public String path() {
			int query = this.uri.indexOf('?');
			return (query < 0) ? this.uri : this.uri.substring(0, query);
		}

		public String query() {
			int query = this.uri.indexOf('?');
			return (query < 0) ? null : this.uri.substring(query + 1);
		}

	}

}
