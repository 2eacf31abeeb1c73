package dev.connector.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.atomic.LongAdder;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.batch.BatchOptions;
import dev.connector.batch.BatchResult;
import dev.connector.benchmarks.Variants.PooledWebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The batch scenario, run by the driver in a child JVM with {@code -Xmx128m}: 100,000
 * requests, 64 in flight, through {@code Connector.batch(Flux, BatchOptions)} (streaming)
 * and through {@code Flux.flatMap(call, 64)} on a raw {@code WebClient}, in completion order
 * and in input order; see {@link #SIDES}. Each request has its own path, {@code /item/<i>}.
 * Every side consumes every body and counts every failure; each only counts results, so none
 * holds 100,000 of them. Completing at all under that heap cap shows the memory is bounded.
 * <p>
 * After a warm-up of every side, the rounds rotate which side goes first. Before each side:
 * a full GC and a reset of the heap pools' peak usage; after it, one line on standard output
 * for the driver to parse:
 * {@code RESULT side=<side> round=<n> millis=<ms> peakHeapBytes=<b> errors=<n>}, or
 * {@code FAILED side=<side> round=<n> error=<text>} when the side did not complete.
 * <p>
 * Arguments: the server's base URL, then optionally the request count and the rounds.
 */
final class BatchMain {

	/** The requests of one side of one round. */
	static final int REQUESTS = 100_000;

	/** The calls in flight on every side. */
	static final int CONCURRENCY = 64;

	/** The rounds; short runs, so more of them than the load matrix has. */
	static final int ROUNDS = 5;

	/**
	 * The sides, in pairs that do the same work: the Connector's streaming batch with
	 * {@code ordered(false)} against raw {@code flatMap} (both emit in completion order),
	 * and the batch in input order (its default) against raw {@code flatMapSequential}.
	 */
	static final List<String> SIDES = List.of("connector", "flatMap", "connectorOrdered", "flatMapSequential");

	private static final Duration LIMIT = Duration.ofMinutes(3);

	private BatchMain() {
	}

	public static void main(String[] args) {
		String baseUrl = args[0];
		int requests = (args.length > 1) ? Integer.parseInt(args[1]) : REQUESTS;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : ROUNDS;
		System.out.println("JVM maxHeapBytes=" + Runtime.getRuntime().maxMemory() + " options="
				+ String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
		// as Connector.builder leaves it: retry and deadlines on, no observation registry
		Connector connector = Variants.connectorWithoutObservation(baseUrl);
		PooledWebClient web = Variants.webClient("batch-flatmap", baseUrl, null);
		try {
			int warmup = Math.max(1, requests / 2);
			for (String side : SIDES) {
				run(side, warmup, web, connector);
			}
			for (int round = 1; round <= rounds; round++) {
				for (int i = 0; i < SIDES.size(); i++) {
					// each round starts with another side, so no side always runs first
					measure(SIDES.get((round - 1 + i) % SIDES.size()), round, requests, web, connector);
				}
			}
		}
		finally {
			connector.close();
			web.pool().disposeLater().block(Duration.ofSeconds(10));
		}
		System.out.println("RSS peakKiB=" + JvmProbe.peakRssKiB(JvmProbe.self()));
	}

	private static void measure(String side, int round, int requests, PooledWebClient web, Connector connector) {
		System.gc();
		JvmProbe.resetHeapPeak();
		long start = System.nanoTime();
		try {
			long errors = run(side, requests, web, connector);
			long millis = (System.nanoTime() - start) / 1_000_000;
			System.out.println("RESULT side=" + side + " round=" + round + " millis=" + millis + " peakHeapBytes="
					+ JvmProbe.heapPeakBytes() + " errors=" + errors);
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			// reported, never hidden: the driver marks the side as failed
			System.out.println("FAILED side=" + side + " round=" + round + " error="
					+ ex.toString().replaceAll("\\s+", " "));
		}
		System.out.flush();
	}

	private static long run(String side, int requests, PooledWebClient web, Connector connector) {
		return switch (side) {
			case "flatMap" -> flatMap(web, requests, false);
			case "flatMapSequential" -> flatMap(web, requests, true);
			case "connector" -> connector(connector, requests, false);
			case "connectorOrdered" -> connector(connector, requests, true);
			default -> throw new IllegalArgumentException(side);
		};
	}

	/**
	 * Send the requests through {@code flatMap} (or, in input order, {@code flatMapSequential})
	 * on a raw WebClient.
	 * @param ordered whether results come in input order
	 * @return the requests that failed or yielded no good response
	 */
	private static long flatMap(PooledWebClient web, int requests, boolean ordered) {
		LongAdder good = new LongAdder();
		Function<Integer, Mono<Boolean>> call = (i) -> web.client()
			.get()
			.uri("/item/" + i)
			.retrieve()
			.toEntity(byte[].class)
			.map((entity) -> Client.ok(entity.getStatusCode().value(), entity.getBody()))
			.onErrorReturn(false);
		Flux<Integer> input = Flux.range(0, requests);
		(ordered ? input.flatMapSequential(call, CONCURRENCY) : input.flatMap(call, CONCURRENCY))
			.doOnNext((ok) -> count(ok, good))
			.then()
			.block(LIMIT);
		return requests - good.sum();
	}

	/**
	 * Send the requests through {@code Connector.batch} in its streaming form.
	 * @param ordered whether results come in input order (the default) or as they complete
	 * @return the requests that failed or yielded no good result
	 */
	private static long connector(Connector connector, int requests, boolean ordered) {
		LongAdder good = new LongAdder();
		Flux<ConnectorRequest> input = Flux.range(0, requests).map((i) -> ConnectorRequest.get("/item/" + i).build());
		connector.batch(input, BatchOptions.builder().maxConcurrency(CONCURRENCY).ordered(ordered).build())
			.doOnNext((result) -> count(good(result), good))
			.then()
			.block(LIMIT);
		return requests - good.sum();
	}

	private static boolean good(BatchResult<ConnectorResponse> result) {
		return result.isSuccess() && Client.ok(result.value().status(), result.value().bodyAsByteArray());
	}

	private static void count(boolean ok, LongAdder good) {
		if (ok) {
			good.increment();
		}
	}

}
