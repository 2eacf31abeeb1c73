package dev.connector.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ResponseException;
import dev.connector.batch.BatchOptions;
import dev.connector.config.ClientSettings;
import dev.connector.transport.ConnectionPoolView;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The soak run: many requests through one client against a loopback server that fails a
 * share of them, to show that nothing accumulates (heap after GC, open connections) and
 * that every request gets exactly one result.
 * <p>
 * The server runs in this JVM on event loops of its own and answers {@link ServerMain#BODY};
 * of each request, with probability {@code soak.fault-rate}, half are answered 503 and half
 * have their connection reset. The client has retries off, so every fault is one error. The
 * run stops after {@code soak.requests} requests or {@code soak.max-duration}, whichever
 * comes first (calls in flight then finish), and prints its figures.
 * <p>
 * Properties: {@code soak.requests} (1,000,000), {@code soak.concurrency} (256),
 * {@code soak.fault-rate} (0.01), {@code soak.max-duration} (ISO-8601, {@code PT10M}).
 */
final class SoakMain {

	private SoakMain() {
	}

	public static void main(String[] args) {
		long requests = Long.getLong("soak.requests", 1_000_000);
		int concurrency = Integer.getInteger("soak.concurrency", 256);
		double faultRate = Double.parseDouble(System.getProperty("soak.fault-rate", "0.01"));
		Duration maxDuration = Duration.parse(System.getProperty("soak.max-duration", "PT10M"));

		AtomicInteger serverConnections = new AtomicInteger();
		LoopResources serverLoops = LoopResources.create("soak-server", 1, true);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(serverLoops)
			// per channel: doOnConnection runs once per request on a kept-alive connection
			.doOnChannelInit((observer, channel, remoteAddress) -> {
				serverConnections.incrementAndGet();
				channel.closeFuture().addListener((closed) -> serverConnections.decrementAndGet());
			})
			.handle((request, response) -> {
				double dice = ThreadLocalRandom.current().nextDouble();
				if (dice < faultRate / 2) {
					return response.status(503).send();
				}
				if (dice < faultRate) {
					return response.withConnection((connection) -> {
						connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
						connection.channel().close();
					}).then();
				}
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(ServerMain.BODY.length))
					.sendByteArray(Mono.just(ServerMain.BODY));
			})
			.bindNow();

		Connector client = Connector.builder("soak")
			.settings((s) -> s.baseUrl("http://127.0.0.1:" + server.port())
				.timeout(Duration.ofSeconds(10))
				.retry(ClientSettings.RetrySettings.builder().enabled(false).build())
				.pool(ClientSettings.PoolSettings.builder().maxConnections(concurrency).build()))
			.build();
		ConnectionPoolView pool = client.pool().orElseThrow();
		ConnectorRequest request = ConnectorRequest.get("/soak").build();

		long heapBefore = heapAfterGc();
		System.err.printf("soak: %,d requests, %d in flight, %.2f%% faults, at most %s; heap after GC %.1f MiB%n",
				requests, concurrency, faultRate * 100, maxDuration, mib(heapBefore));
		LongAdder successes = new LongAdder();
		Map<String, LongAdder> errors = new ConcurrentHashMap<>();
		LongAdder results = new LongAdder();
		long start = System.nanoTime();
		Flux<ConnectorRequest> stream = Flux.<ConnectorRequest>generate((sink) -> sink.next(request))
			.take(requests)
			.takeUntilOther(Mono.delay(maxDuration));
		client.batch(stream, BatchOptions.builder().maxConcurrency(concurrency).ordered(false).build())
			.doOnNext((result) -> {
				results.increment();
				if (result.isSuccess()) {
					successes.increment();
				}
				else {
					errors.computeIfAbsent(errorName(result.error()), (name) -> new LongAdder()).increment();
				}
				long done = results.sum();
				if (done % 100_000 == 0) {
					System.err.printf("soak: %,d done, %.0f s%n", done, (System.nanoTime() - start) / 1e9);
				}
			})
			.blockLast();
		double seconds = (System.nanoTime() - start) / 1e9;

		int poolTotal = pool.total();
		int poolActive = pool.active();
		int serverOpen = serverConnections.get();
		long heapAfter = heapAfterGc();
		client.close();
		// the server sees each connection's close a moment after the client closed it
		long closeDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (serverConnections.get() > 0 && System.nanoTime() < closeDeadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
		}
		int poolAfterClose = pool.total();
		int serverAfterClose = serverConnections.get();
		server.disposeNow();
		serverLoops.disposeLater().block(Duration.ofSeconds(5));

		Map<String, Long> byType = new TreeMap<>();
		errors.forEach((name, count) -> byType.put(name, count.sum()));
		System.out.printf("requests sent and answered: %,d (successes %,d, errors %,d)%n", results.sum(),
				successes.sum(), byType.values().stream().mapToLong(Long::longValue).sum());
		System.out.println("errors by type: " + byType);
		System.out.printf("elapsed: %.1f s, throughput: %,.0f req/s%n", seconds, results.sum() / seconds);
		System.out.printf("heap after GC: start %.1f MiB, end %.1f MiB%n", mib(heapBefore), mib(heapAfter));
		System.out.printf("connections open at the end: client pool %d (active %d), server side %d%n", poolTotal,
				poolActive, serverOpen);
		System.out.printf("connections open after the client closed: client pool %d, server side %d%n",
				poolAfterClose, serverAfterClose);
	}

	/** The exception's class with what distinguishes its cases: a status, or the cause's class. */
	private static String errorName(ConnectorException error) {
		String name = error.getClass().getSimpleName();
		if (error instanceof ResponseException response) {
			return name + " " + response.getStatus();
		}
		return (error.getCause() != null) ? name + " (" + error.getCause().getClass().getSimpleName() + ")" : name;
	}

	private static long heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static double mib(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

}
