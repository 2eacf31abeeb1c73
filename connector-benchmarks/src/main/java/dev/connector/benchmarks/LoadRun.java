package dev.connector.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One closed-loop run of one variant at one concurrency, on a client built for this run and
 * closed after it: a warm-up, then a fixed number of
 * calls with exactly {@code concurrency} in flight ({@code Flux.range(0, n).flatMap(call, c)}:
 * a new call starts as soon as one completes). Each call's latency, from subscription to its
 * result, goes into an HdrHistogram; throughput is the measured calls over the wall time;
 * allocation is what every thread of the driver allocated during the measured part, per call.
 */
final class LoadRun {

	/** The longest one warm-up or measured part may take before the run fails. */
	private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

	private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);

	private LoadRun() {
	}

	/**
	 * Run one variant.
	 * @param variant the variant
	 * @param concurrency the calls in flight
	 * @param warmup calls made first, not measured
	 * @param requests calls measured
	 * @param round the round number, for the report
	 * @return the result
	 */
	static Result run(Variant variant, int concurrency, int warmup, int requests, int round) {
		Errors warmupErrors = new Errors();
		Recorder recorder = new Recorder(1, MAX_LATENCY_NANOS, 3);
		Errors errors = new Errors();
		long elapsed;
		long allocated;
		try (Client client = variant.open()) {
			drive(client, concurrency, warmup, new Recorder(1, MAX_LATENCY_NANOS, 3), warmupErrors);
			Map<Long, Long> allocatedBefore = JvmProbe.threadAllocations();
			long start = System.nanoTime();
			drive(client, concurrency, requests, recorder, errors);
			elapsed = System.nanoTime() - start;
			allocated = JvmProbe.allocatedSince(allocatedBefore);
		}
		Histogram latencies = recorder.getIntervalHistogram();
		Throwable firstError = (errors.first.get() != null) ? errors.first.get() : warmupErrors.first.get();
		return new Result(variant.id(), concurrency, round, requests, errors.count.sum() + warmupErrors.count.sum(),
				elapsed, requests / (elapsed / 1e9), micros(latencies.getValueAtPercentile(50)),
				micros(latencies.getValueAtPercentile(99)), micros(latencies.getValueAtPercentile(99.9)),
				(double) allocated / requests, JvmProbe.rssKiB(JvmProbe.self()),
				(firstError != null) ? firstError.toString() : null);
	}

	/**
	 * Make {@code count} calls, {@code concurrency} at a time, recording each latency and
	 * counting each call that failed or was not a 200 with the full body.
	 */
	private static void drive(Client client, int concurrency, int count, Recorder recorder, Errors errors) {
		Flux.range(0, count)
			.flatMap((i) -> timed(client, recorder, errors), concurrency)
			.then()
			.block(RUN_LIMIT);
	}

	private static Mono<Boolean> timed(Client client, Recorder recorder, Errors errors) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			Mono<Boolean> call;
			try {
				call = client.call();
			}
			catch (RuntimeException ex) {
				call = Mono.error(ex);
			}
			return call.onErrorResume((ex) -> {
				errors.first.compareAndSet(null, ex);
				return Mono.just(false);
			}).defaultIfEmpty(false).doOnNext((ok) -> {
				recorder.recordValue(Math.min(System.nanoTime() - start, MAX_LATENCY_NANOS));
				if (!ok) {
					errors.count.increment();
					errors.first.compareAndSet(null, new IllegalStateException("not a 200 with the full body"));
				}
			});
		});
	}

	private static double micros(long nanos) {
		return nanos / 1000.0;
	}

	/**
	 * What one run measured.
	 *
	 * @param variant the variant's letter
	 * @param concurrency the calls in flight
	 * @param round the round, from 1
	 * @param requests the measured calls
	 * @param errors the calls that failed, warm-up included
	 * @param elapsedNanos the wall time of the measured calls
	 * @param throughput calls per second
	 * @param p50Micros the median latency
	 * @param p99Micros the 99th percentile latency
	 * @param p999Micros the 99.9th percentile latency
	 * @param allocatedPerRequest bytes allocated by the driver per call
	 * @param rssKiB the driver's resident set size after the run
	 * @param firstError the first failure seen, warm-up included, or {@code null}
	 */
	record Result(String variant, int concurrency, int round, int requests, long errors, long elapsedNanos,
			double throughput, double p50Micros, double p99Micros, double p999Micros, double allocatedPerRequest,
			long rssKiB, String firstError) {
	}

	/**
	 * The failures of one part of a run: how many, and the first.
	 */
	private static final class Errors {

		final LongAdder count = new LongAdder();

		final AtomicReference<Throwable> first = new AtomicReference<>();

	}

}
