package dev.connector.sample;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The "other system" the sample calls: a small HTTP server on loopback, so the sample runs
 * with no network and no other service.
 * <ul>
 * <li>{@code GET /quotes/{symbol}}: a JSON quote, for a caller with a bearer token (401
 * otherwise)</li>
 * <li>{@code GET /flaky}: 503 twice, then 200, repeating</li>
 * <li>{@code GET /slow}: answers after two seconds</li>
 * <li>{@code GET /ticks}: a Server-Sent Events stream of ten quotes, one every 500 ms,
 * resuming after a {@code Last-Event-ID}</li>
 * <li>{@code /live}: a WebSocket; for each symbol it receives as a message it sends three
 * quotes of it, one message each, and after the first symbol's it closes</li>
 * </ul>
 */
@Component
class DemoUpstream implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DemoUpstream.class);

	private final AtomicInteger flakyCalls = new AtomicInteger();

	private final DisposableServer server;

	DemoUpstream(@Value("${demo.upstream.port}") int port) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes
				.get("/quotes/{symbol}", (request, response) -> bearer(request.requestHeaders().get("Authorization"))
						? response.header("Content-Type", "application/json").sendString(Mono.just(quote(request.param("symbol"))))
						: response.status(401).header("WWW-Authenticate", "Bearer").send())
				.get("/flaky", (request, response) -> (this.flakyCalls.incrementAndGet() % 3 == 0)
						? response.sendString(Mono.just("recovered")) : response.status(503).sendString(Mono.just("try again")))
				.get("/slow", (request, response) -> Mono.delay(Duration.ofSeconds(2))
					.thenEmpty(response.sendString(Mono.just("finally"))))
				.get("/ticks", (request, response) -> response.header("Content-Type", "text/event-stream")
					.sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(500))
						.map((i) -> i + 1 + lastEventId(request.requestHeaders().get("Last-Event-ID")))
						.takeWhile((id) -> id <= 10)
						.map((id) -> "id: " + id + "\ndata: " + quote("ACME", id) + "\n\n")))
				.ws("/live", (in, out) -> in.receive()
					.asString()
					.concatMap((symbol) -> out.sendString(Flux.range(0, 3).map((tick) -> quote(symbol.trim(), tick)))
						.then()
						.then(out.sendClose(1000, "done")))
					.then()))
			.bindNow();
		logger.info("event=demo.upstream.started url=http://127.0.0.1:{}", this.server.port());
	}

	private static boolean bearer(String authorization) {
		return authorization != null && authorization.startsWith("Bearer ") && authorization.length() > 7;
	}

	private static long lastEventId(String header) {
		try {
			return (header != null) ? Long.parseLong(header.trim()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String quote(String symbol) {
		return quote(symbol, 0);
	}

	private static String quote(String symbol, long tick) {
		String upper = symbol.toUpperCase();
		int cents = 10000 + Math.floorMod(upper.hashCode(), 9000) + (int) (tick * 7);
		return "{\"symbol\":\"" + upper + "\",\"price\":" + (cents / 100) + "." + String.format("%02d", cents % 100) + ",\"currency\":\"EUR\"}";
	}

	@Override
	public void destroy() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

}
