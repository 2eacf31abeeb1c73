package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.connector.Connector;
import dev.connector.ConnectorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Closes the auto-configured clients in the application context's shutdown, after the web
 * server has stopped taking and finishing requests (Boot's graceful shutdown runs in a
 * higher phase), so that requests being served can still use them. Each client refuses
 * new calls at once, gives its calls in flight {@code connector.shutdown.timeout} to
 * finish, then cuts off the rest; the clients close in parallel.
 */
class ConnectorLifecycle implements SmartLifecycle {

	/** Below Boot's web server lifecycles ({@code DEFAULT_PHASE - 2048} and {@code - 1024}). */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(ConnectorLifecycle.class);

	private final ConnectorRegistry connectors;

	private final Duration timeout;

	private volatile boolean running;

	ConnectorLifecycle(ConnectorRegistry connectors, Duration timeout) {
		this.connectors = connectors;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		List<CompletableFuture<Void>> closing = this.connectors.names()
			.stream()
			.map((name) -> CompletableFuture.runAsync(() -> close(name)))
			.toList();
		CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
		this.running = false;
	}

	private void close(String name) {
		try {
			Connector connector = this.connectors.get(name);
			connector.close(this.timeout);
		}
		catch (RuntimeException ex) {
			logger.warn("event=connector.shutdown.failed client={}", name, ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
