package dev.connector.transport.websocket;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.connector.config.ClientSettings;
import dev.connector.transport.TransportRequest;
import dev.connector.transport.TransportResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;

/**
 * One open WebSocket connection, from its completed handshake to its close: sends the
 * request's messages (and a ping every {@code websocket.ping-interval}), hands the messages
 * received to whoever reads the response body, and ends the connection when that reader
 * completes or cancels. Everything here belongs to one connection.
 * <p>
 * How the connection ended decides how the body ends: a close frame of status 1000 (or
 * none, 1005) from the peer completes it; any other status, a connection closed without a
 * close frame, a failed send, or no frame at all (message or pong) within
 * {@code stream.idle-timeout} fails it with an {@link IOException}, which the connector
 * raises as a {@code TransportException}.
 */
final class WebSocketExchange {

	private static final Logger logger = LoggerFactory.getLogger("dev.connector.logging");

	private static final int EXCERPT = 256;

	private final WebsocketInbound inbound;

	private final WebsocketOutbound outbound;

	private final TransportRequest request;

	private final ClientSettings settings;

	private final MessageEncoder encoder;

	private final Duration idleTimeout;

	private final String target;

	private final long started = System.nanoTime();

	private final AtomicReference<WebSocketCloseStatus> closeStatus = new AtomicReference<>();

	private final AtomicReference<Throwable> sendFailure = new AtomicReference<>();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong received = new AtomicLong();

	private final Sinks.Empty<Void> bodyDone = Sinks.empty();

	WebSocketExchange(WebsocketInbound inbound, WebsocketOutbound outbound, TransportRequest request,
			ClientSettings settings, MessageEncoder encoder) {
		// whole messages, however many frames they came in, bounded as any body is
		this.inbound = inbound.aggregateFrames(settings.maxInMemorySize());
		this.outbound = outbound;
		this.request = request;
		this.settings = settings;
		this.encoder = encoder;
		this.idleTimeout = (request.request().idleTimeout() != null) ? request.request().idleTimeout()
				: settings.stream().idleTimeout();
		this.target = withoutQuery(request.uri());
		// the peer's close status arrives before the messages complete; a dropped connection has none
		this.inbound.receiveCloseStatus().subscribe(this.closeStatus::set, (error) -> {
		});
	}

	/**
	 * Return the handshake's response, whose body is the messages received.
	 */
	TransportResponse response() {
		HttpHeaders headers = new HttpHeaders();
		this.inbound.headers().forEach((header) -> headers.add(header.getKey(), header.getValue()));
		return new TransportResponse(101, headers, Flux.defer(this::messages), true);
	}

	/**
	 * Send, until the body's reader is done with the connection; what the handler of the
	 * connection returns, so that the connection lives exactly as long.
	 */
	Mono<Void> lifetime() {
		Flux<WebSocketFrame> frames = outgoing().map((message) -> {
			WebSocketFrame frame = this.encoder.encode(message);
			this.sent.incrementAndGet();
			logFrame("sent", frame);
			return frame;
		});
		Duration pingInterval = this.settings.websocket().pingInterval();
		if (!pingInterval.isZero()) {
			frames = frames.mergeWith(Flux.interval(pingInterval, pingInterval).map((tick) -> new PingWebSocketFrame()));
		}
		Mono<Void> sending = this.outbound.sendObject(frames).then().doOnError(this.sendFailure::set);
		return Mono.firstWithSignal(this.bodyDone.asMono(), sending.then(Mono.never()))
			.doFinally(this::logClosed);
	}

	/**
	 * Close the connection with the given status, as the client going away.
	 */
	Mono<Void> close(WebSocketCloseStatus status) {
		return this.outbound.sendClose(status.code(), status.reasonText()).onErrorComplete();
	}

	private Flux<Object> outgoing() {
		Object body = this.request.body();
		if (body == null) {
			return Flux.empty();
		}
		return (body instanceof Publisher<?> publisher) ? Flux.from(publisher) : Flux.just(body);
	}

	private Flux<DataBuffer> messages() {
		Flux<WebSocketFrame> frames = this.inbound.receiveFrames();
		Duration idle = this.idleTimeout;
		frames = frames.timeout(idle)
			.onErrorMap(TimeoutException.class, (ex) -> new IOException("No WebSocket message or pong within the "
					+ "stream.idle-timeout of " + idle + ": the connection is taken for dead", ex));
		int maxInMemorySize = this.settings.maxInMemorySize();
		frames = frames.onErrorMap(WebSocketExchange::tooLarge, (ex) -> new DataBufferLimitException(
				"A WebSocket message is larger than max-in-memory-size (" + maxInMemorySize + " bytes)"));
		return frames.filter((frame) -> frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
			// copied: the connection releases each frame once it is handed on
			.<DataBuffer>map((frame) -> {
				this.received.incrementAndGet();
				logFrame("received", frame);
				return DefaultDataBufferFactory.sharedInstance.wrap(ByteBufUtil.getBytes(frame.content()));
			})
			.concatWith(Mono.defer(this::ended))
			.doFinally((signal) -> this.bodyDone.tryEmitEmpty());
	}

	private static boolean tooLarge(Throwable error) {
		return error instanceof TooLongFrameException || (error instanceof CorruptedWebSocketFrameException corrupted
				&& corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code());
	}

	/**
	 * Decide how the messages end, once the connection delivered the last one.
	 */
	private Mono<DataBuffer> ended() {
		Throwable failure = this.sendFailure.get();
		if (failure != null) {
			return Mono.error(failure);
		}
		WebSocketCloseStatus status = this.closeStatus.get();
		if (status == null) {
			return Mono.error(new IOException("WebSocket connection closed without a close frame"));
		}
		if (status.code() == WebSocketCloseStatus.NORMAL_CLOSURE.code()
				|| status.code() == WebSocketCloseStatus.EMPTY.code()) {
			return Mono.empty();
		}
		return Mono.error(new IOException("WebSocket closed by the server with status " + status.code()
				+ ((status.reasonText() != null && !status.reasonText().isEmpty()) ? " (" + status.reasonText() + ")"
						: "")));
	}

	private void logFrame(String direction, WebSocketFrame frame) {
		if (this.settings.logging().level() != ClientSettings.LogLevel.BODY || !logger.isInfoEnabled()) {
			return;
		}
		boolean text = frame instanceof TextWebSocketFrame;
		ByteBuf content = frame.content();
		String excerpt = text ? excerpt(content) : "(" + content.readableBytes() + " bytes)";
		logger.info("event=connector.websocket.message client={} uri={} direction={} type={} bytes={} body=\"{}\"",
				this.settings.name(), this.target, direction, text ? "text" : "binary", content.readableBytes(),
				excerpt);
	}

	private void logClosed(SignalType signal) {
		if (this.settings.logging().level() == ClientSettings.LogLevel.NONE || !logger.isInfoEnabled()) {
			return;
		}
		WebSocketCloseStatus status = this.closeStatus.get();
		logger.info("event=connector.websocket.closed client={} uri={} messages_sent={} messages_received={} "
				+ "close_status={} duration_ms={}", this.settings.name(), this.target, this.sent.get(),
				this.received.get(), (status != null) ? status.code() : "none",
				(System.nanoTime() - this.started) / 1_000_000);
	}

	private static String excerpt(ByteBuf content) {
		int length = Math.min(content.readableBytes(), EXCERPT * 4);
		String text = content.toString(content.readerIndex(), length, StandardCharsets.UTF_8);
		return (text.length() > EXCERPT) ? text.substring(0, EXCERPT) + "..." : text;
	}

	/**
	 * The URI as logs show it: without query or user info, which may carry secrets.
	 */
	static String withoutQuery(URI uri) {
		StringBuilder shown = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
		if (uri.getPort() >= 0) {
			shown.append(':').append(uri.getPort());
		}
		return shown.append((uri.getRawPath() != null) ? uri.getRawPath() : "").toString();
	}

}
