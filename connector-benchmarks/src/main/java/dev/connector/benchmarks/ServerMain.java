package dev.connector.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The loopback upstream of the benchmark: a minimal Reactor Netty {@link HttpServer} on
 * 127.0.0.1 that answers every request, whatever its path, with the same 100-byte JSON body,
 * {@code Content-Type: application/json}, an explicit {@code Content-Length} and HTTP/1.1
 * keep-alive.
 * <p>
 * The driver starts it in a JVM of its own (same jar), so the server's CPU and allocation do
 * not count as the clients'. It binds an ephemeral port and prints {@code PORT <n>} on
 * standard output. It stops when its standard input closes (the driver ended, normally or
 * not) or after {@link #MAX_LIFETIME}, whichever comes first, so it can never outlive a run.
 */
final class ServerMain {

	/** The response body: 100 bytes of JSON. */
	static final byte[] BODY = "{\"id\":42,\"name\":\"connector-benchmark\",\"status\":\"ok\",\"tags\":[\"alpha\",\"beta\",\"gamma\"],\"score\":3.14159}"
		.getBytes(StandardCharsets.UTF_8);

	/** The longest the server stays up, whatever happens to the driver. */
	static final Duration MAX_LIFETIME = Duration.ofMinutes(30);

	private ServerMain() {
	}

	public static void main(String[] args) throws IOException {
		String contentLength = Integer.toString(BODY.length);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.header(HttpHeaderNames.CONTENT_LENGTH, contentLength)
				.sendByteArray(Mono.just(BODY)))
			.bindNow();
		System.out.println("PORT " + server.port());
		System.out.flush();
		Thread deadline = new Thread(() -> {
			try {
				Thread.sleep(MAX_LIFETIME.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			System.err.println("server: max lifetime reached, stopping");
			System.exit(2);
		}, "server-max-lifetime");
		deadline.setDaemon(true);
		deadline.start();
		// the driver holds our stdin open; end of input means it is gone
		while (System.in.read() != -1) {
			// nothing is expected on stdin
		}
		server.disposeNow(Duration.ofSeconds(5));
	}

}
