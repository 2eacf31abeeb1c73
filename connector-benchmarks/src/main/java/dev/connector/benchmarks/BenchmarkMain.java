package dev.connector.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.connector.benchmarks.LoadRun.Result;

/**
 * The benchmark driver, the jar's main class. It starts the loopback server in a JVM of its
 * own, warms up the client variants ({@link Variants}, and {@link BootVariants} inside a Spring
 * Boot application), runs every variant at its concurrencies in {@link #ROUNDS} interleaved
 * rounds ({@link LoadRun}, a fresh client per run), runs
 * the batch scenario in a second child JVM capped at 128 MB of heap ({@link BatchMain}), then
 * prints the {@link Report} and writes it to {@code connector-benchmarks/results/latest.md}
 * (next to the jar's {@code target} directory).
 * <p>
 * System properties, for trying things out (the committed results use none):
 * {@code bench.scale} multiplies every request count (default 1.0); {@code bench.output}
 * writes the report to another file.
 */
final class BenchmarkMain {

	static final String DOCUMENTED_COMMAND = "mvn -B -q -Pbenchmarks -pl connector-benchmarks -am clean package -DskipTests"
			+ " && java -jar connector-benchmarks/target/connector-benchmarks.jar";

	static final int ROUNDS = 3;

	static final List<Integer> CONCURRENCIES = List.of(1, 16, 64, 256);

	/** Measured requests per run at concurrency 1. */
	static final int REQUESTS_SERIAL = 20_000;

	/** Measured requests per run at concurrency 16 and more. */
	static final int REQUESTS_CONCURRENT = 50_000;

	/** Warm-up requests before each measured run, as a fraction of the measured ones. */
	static final double WARMUP_FRACTION = 0.2;

	/** Warm-up requests per variant before the first round, at concurrency 64. */
	static final int INITIAL_WARMUP = 30_000;

	static final List<String> SERVER_OPTIONS = List.of("-Xms256m", "-Xmx256m");

	static final List<String> BATCH_OPTIONS = List.of("-Xmx128m");

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws IOException {
		long start = System.nanoTime();
		double scale = Double.parseDouble(System.getProperty("bench.scale", "1.0"));
		long rssStart = JvmProbe.rssKiB(JvmProbe.self());
		List<Result> results = new ArrayList<>();
		BatchOutcome batch = new BatchOutcome();
		List<Variant> variants;
		double matrixSeconds;
		double batchSeconds;
		long rssEnd;
		long serverRss;
		String bootApplication;
		try (ChildJvm server = ChildJvm.start(ServerMain.class, SERVER_OPTIONS, List.of())) {
			String baseUrl = "http://127.0.0.1:" + port(server);
			log("server pid " + server.pid() + " at " + baseUrl);
			long matrixStart = System.nanoTime();
			BootVariants boot = new BootVariants(baseUrl);
			try (boot) {
				variants = new ArrayList<>(Variants.all(baseUrl));
				variants.addAll(boot.all());
				matrix(variants, scale, results);
			}
			bootApplication = boot.describe();
			matrixSeconds = seconds(matrixStart);
			rssEnd = JvmProbe.rssKiB(JvmProbe.self());
			long batchStart = System.nanoTime();
			batch(baseUrl, scaled(BatchMain.REQUESTS, scale), batch);
			batchSeconds = seconds(batchStart);
			serverRss = JvmProbe.rssKiB(server.pid());
		}
		Report.Setup setup = new Report.Setup(
				ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
						+ System.getProperty("java.vm.vendor") + ")",
				Runtime.getRuntime().availableProcessors(),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				DOCUMENTED_COMMAND, driverCommand(), String.join(" ", jvmOptions()), String.join(" ", SERVER_OPTIONS),
				ROUNDS, CONCURRENCIES, requestsText(scale), scaled(BatchMain.REQUESTS, scale), seconds(start),
				matrixSeconds, batchSeconds, rssStart, rssEnd, JvmProbe.peakRssKiB(JvmProbe.self()), serverRss,
				bootApplication);
		String report = new Report(setup, variants, results, batch).render();
		System.out.println();
		System.out.print(report);
		Path output = output();
		Files.createDirectories(output.getParent());
		Files.writeString(output, report);
		log("wrote " + output.toAbsolutePath().normalize() + "; elapsed "
				+ String.format(Locale.ROOT, "%.0f s", seconds(start)));
	}

	/**
	 * Warm every variant up, then run the rounds: in each, every concurrency, and at each
	 * concurrency the variants that run at it (A to H at all, the Boot application's I to K
	 * at 64 and 256) back to back, so slow drift of the machine hits all alike.
	 */
	private static void matrix(List<Variant> variants, double scale, List<Result> results) {
		for (Variant variant : variants) {
			LoadRun.Result warm = LoadRun.run(variant, 64, 0, scaled(INITIAL_WARMUP, scale), 0);
			log(String.format(Locale.ROOT, "warm-up %s: %,.0f req/s, %d errors", variant.id(), warm.throughput(),
					warm.errors()));
		}
		for (int round = 1; round <= ROUNDS; round++) {
			for (int concurrency : CONCURRENCIES) {
				int requests = scaled((concurrency == 1) ? REQUESTS_SERIAL : REQUESTS_CONCURRENT, scale);
				int warmup = (int) Math.ceil(requests * WARMUP_FRACTION);
				for (Variant variant : variants) {
					if (!variant.runsAt(concurrency)) {
						continue;
					}
					Result result = LoadRun.run(variant, concurrency, warmup, requests, round);
					results.add(result);
					log(String.format(Locale.ROOT,
							"round %d c=%-3d %s: %,8.0f req/s  p50 %6.0f µs  p99 %6.0f µs  p99.9 %6.0f µs  %5.1f KiB/req  errors %d",
							round, concurrency, variant.id(), result.throughput(), result.p50Micros(),
							result.p99Micros(), result.p999Micros(), result.allocatedPerRequest() / 1024,
							result.errors()));
				}
			}
		}
	}

	/**
	 * Run the batch scenario in a child JVM capped at 128 MB of heap and collect what it
	 * reports.
	 */
	private static void batch(String baseUrl, int requests, BatchOutcome outcome) {
		try (ChildJvm child = ChildJvm.start(BatchMain.class, BATCH_OPTIONS,
				List.of(baseUrl, Integer.toString(requests)))) {
			for (String line = child.readLine(); line != null; line = child.readLine()) {
				log("batch: " + line);
				outcome.accept(line);
			}
			outcome.exitCode = child.waitFor(60);
		}
	}

	static int port(ChildJvm server) {
		String line = server.readLine();
		if (line == null || !line.startsWith("PORT ")) {
			throw new IllegalStateException("The server did not report its port, it said: " + line);
		}
		return Integer.parseInt(line.substring("PORT ".length()).trim());
	}

	private static String requestsText(double scale) {
		int serial = scaled(REQUESTS_SERIAL, scale);
		int concurrent = scaled(REQUESTS_CONCURRENT, scale);
		return String.format(Locale.ROOT, "%,d at c=1 and %,d at c=16/64/256, each after a warm-up of %.0f%% as many;"
				+ " first %,d per variant at c=64", serial, concurrent, WARMUP_FRACTION * 100,
				scaled(INITIAL_WARMUP, scale));
	}

	private static List<String> jvmOptions() {
		return ManagementFactory.getRuntimeMXBean().getInputArguments();
	}

	private static String driverCommand() {
		String command = System.getProperty("sun.java.command", "");
		List<String> parts = new ArrayList<>();
		parts.add("java");
		parts.addAll(jvmOptions());
		parts.add(command.endsWith(".jar") || command.contains(".jar ") ? "-jar " + command : command);
		return String.join(" ", parts);
	}

	private static Path output() {
		String configured = System.getProperty("bench.output");
		if (configured != null) {
			return Path.of(configured);
		}
		Path jar = ChildJvm.jar().toAbsolutePath();
		// connector-benchmarks/target/connector-benchmarks.jar -> connector-benchmarks/results
		return jar.getParent().getParent().resolve("results").resolve("latest.md");
	}

	private static int scaled(int requests, double scale) {
		return Math.max(1, (int) Math.round(requests * scale));
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private static void log(String message) {
		System.err.println("[bench] " + message);
	}

}
