package dev.connector.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.connector.benchmarks.LoadRun.Result;

/**
 * Renders the results as Markdown: the setup, one table per concurrency (each figure the
 * median of the rounds with their min..max), the ratios the project's goals are stated in,
 * the batch comparison, memory, errors, and one PASS or FAIL line per goal.
 * <p>
 * Ratios are of medians; the range after a ratio is the lowest and highest of the same ratio
 * taken round by round (the variants of one round ran back to back, so that range shows how
 * steady the comparison is). A goal that involves a variant with any error in any round fails,
 * whatever its figure.
 */
final class Report {

	private final Setup setup;

	private final List<Variant> variants;

	private final List<Result> results;

	private final BatchOutcome batch;

	private final StringBuilder out = new StringBuilder();

	Report(Setup setup, List<Variant> variants, List<Result> results, BatchOutcome batch) {
		this.setup = setup;
		this.variants = variants;
		this.results = results;
		this.batch = batch;
	}

	/**
	 * Render the whole report.
	 * @return Markdown text
	 */
	String render() {
		header();
		tables();
		ratios();
		batchSection();
		memory();
		errors();
		goals();
		return this.out.toString();
	}

	private void header() {
		Setup s = this.setup;
		line("# Connector load benchmark");
		line("");
		line("- Date: " + s.date());
		line("- JVM: " + s.jvm());
		line("- Cores: " + s.cores() + " (`availableProcessors`); OS: " + s.os());
		line("- Command: `" + s.documentedCommand() + "`");
		line("- Driver command line: `" + s.driverCommand() + "`");
		line("- Driver JVM options: " + orNone(s.driverOptions()));
		line("- Server JVM (own process, Reactor Netty `HttpServer` on 127.0.0.1, 100-byte JSON): options "
				+ orNone(s.serverOptions()));
		line("- Batch JVM options: " + orNone(this.batch.jvmOptions) + " (max heap "
				+ mib(this.batch.maxHeapBytes) + " MiB)");
		line("- Load: closed loop, " + s.rounds() + " rounds, variants interleaved " + interleaving()
				+ " within each round and concurrency; per run a warm-up then the measured requests: "
				+ s.requestsText());
		if (s.bootApplication() != null) {
			line("- I, J, K: " + s.bootApplication());
		}
		line("- Elapsed: " + String.format(Locale.ROOT, "%.0f s", s.elapsedSeconds())
				+ " (load matrix " + String.format(Locale.ROOT, "%.0f s", s.matrixSeconds()) + ", batch "
				+ String.format(Locale.ROOT, "%.0f s", s.batchSeconds()) + ")");
		line("");
		line("| Variant | What |");
		line("| --- | --- |");
		for (Variant variant : this.variants) {
			line("| " + variant.id() + " | " + variant.label() + " |");
		}
		line("");
		line("Each figure: the median of the rounds, with (min..max). Latency in microseconds, from subscribing "
				+ "to a call to its result; alloc/req: bytes allocated by all driver threads during the measured "
				+ "requests, per request, in KiB.");
		line("");
	}

	/**
	 * The variants in order, and those that run at some concurrencies only.
	 */
	private String interleaving() {
		List<String> ids = this.variants.stream().map(Variant::id).toList();
		String text = ids.isEmpty() ? "" : ids.get(0) + ".." + ids.get(ids.size() - 1);
		List<String> partial = new ArrayList<>();
		for (Variant variant : this.variants) {
			if (!variant.concurrencies().isEmpty()) {
				partial.add(variant.id() + " at c=" + variant.concurrencies().stream().map(String::valueOf)
					.reduce((a, b) -> a + "/" + b)
					.orElse(""));
			}
		}
		return partial.isEmpty() ? text : text + " (" + String.join(", ", partial) + " only)";
	}

	private void tables() {
		for (int concurrency : this.setup.concurrencies()) {
			line("## Concurrency " + concurrency);
			line("");
			line("| Variant | req/s | p50 µs | p99 µs | p99.9 µs | alloc/req KiB | errors |");
			line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
			for (Variant variant : this.variants) {
				List<Result> runs = runs(variant.id(), concurrency);
				if (runs.isEmpty()) {
					continue;
				}
				line("| " + variant.id() + " | " + spread(runs, Result::throughput, "%,.0f") + " | "
						+ spread(runs, Result::p50Micros, "%.0f") + " | " + spread(runs, Result::p99Micros, "%.0f")
						+ " | " + spread(runs, Result::p999Micros, "%.0f") + " | "
						+ spread(runs, (r) -> r.allocatedPerRequest() / 1024, "%.1f") + " | " + errorCount(runs) + " |");
			}
			line("");
		}
	}

	private void ratios() {
		line("## Ratios");
		line("");
		line("| Throughput ratio | c=64 | c=256 |");
		line("| --- | ---: | ---: |");
		for (String[] pair : new String[][] { { "D", "B" }, { "D", "C" }, { "E", "B" }, { "D", "A" }, { "D", "E" },
				{ "G", "B" }, { "H", "A" }, { "G", "D" }, { "J", "I" }, { "K", "I" } }) {
			line("| " + pair[0] + "/" + pair[1] + " | " + ratioText(pair[0], pair[1], 64) + " | "
					+ ratioText(pair[0], pair[1], 256) + " |");
		}
		line("");
		line("Ratio: of the medians, with (min..max) of the same ratio round by round. D/E is what observation "
				+ "costs the Connector. J/I and K/I: the Connector bean of a Boot application with actuator and "
				+ "tracing (http, netty transport) against a plain WebClient from the same application's builder.");
		line("");
		Spread overhead = p50Overhead();
		line("D minus B p50 latency at concurrency 1: "
				+ ((overhead != null) ? overhead.format("%.1f") + " µs" : "n/a")
				+ " (median of the per-round differences, with their min..max)");
		line("");
	}

	private void batchSection() {
		line("## Batch: " + String.format(Locale.ROOT, "%,d", this.setup.batchRequests())
				+ " requests, 64 in flight, in a JVM with " + orNone(this.batch.jvmOptions));
		line("");
		line("Each side ran " + this.batch.side("flatMap").size() + " times, after a warm-up of half as many requests; "
				+ "the rounds rotate which side goes first. Each request has its own path.");
		line("");
		line("| Side | time s | req/s | peak heap MiB | errors |");
		line("| --- | ---: | ---: | ---: | ---: |");
		batchRow("Connector.batch(Flux, maxConcurrency 64, ordered(false))", "connector");
		batchRow("Flux.flatMap(raw WebClient, 64)", "flatMap");
		batchRow("Connector.batch(Flux, maxConcurrency 64), in input order (the default)", "connectorOrdered");
		batchRow("Flux.flatMapSequential(raw WebClient, 64)", "flatMapSequential");
		line("");
		Double ratio = batchRatio();
		Double ordered = batchRatio("connectorOrdered", "flatMapSequential");
		line("Connector/flatMap time ratio: " + ((ratio != null) ? String.format(Locale.ROOT, "%.2f", ratio) : "n/a")
				+ "; in input order, Connector/flatMapSequential: "
				+ ((ordered != null) ? String.format(Locale.ROOT, "%.2f", ordered) : "n/a")
				+ " (medians). The Connector has its defaults (retry, deadline) and no observation registry, as "
				+ "`Connector.builder` leaves it. Peak heap: the sum of the heap pools' peak use after a GC and a peak "
				+ "reset before each side (an upper bound); each figure is the median (min..max) over the rounds.");
		line("");
	}

	private void batchRow(String label, String side) {
		List<BatchOutcome.Run> runs = this.batch.side(side);
		if (runs.isEmpty()) {
			line("| " + label + " | did not complete | | | |");
			return;
		}
		Spread millis = Spread.of(runs.stream().map((r) -> (double) r.millis()).toList());
		Spread heap = Spread.of(runs.stream().map((r) -> r.peakHeapBytes() / 1048576.0).toList());
		long errors = runs.stream().mapToLong(BatchOutcome.Run::errors).sum();
		line("| " + label + " | " + new Spread(millis.median() / 1000, millis.min() / 1000, millis.max() / 1000)
			.format("%.2f") + " | "
				+ String.format(Locale.ROOT, "%,.0f", this.setup.batchRequests() / (millis.median() / 1000)) + " | "
				+ heap.format("%.1f") + " | " + errors + " |");
	}

	private void memory() {
		line("## Memory");
		line("");
		line("- Driver RSS (VmRSS): " + kib(this.setup.driverRssStartKiB()) + " at start, "
				+ kib(this.setup.driverRssEndKiB()) + " after the load matrix; peak (VmHWM) "
				+ kib(this.setup.driverPeakRssKiB()) + ". One process ran all " + this.variants.size()
				+ " variants" + ((this.setup.bootApplication() != null) ? " and the Boot application of I to K" : "")
				+ ", so this is not one variant's figure.");
		line("- Server RSS: " + kib(this.setup.serverRssKiB()) + " at the end; batch JVM peak RSS: "
				+ kib(this.batch.peakRssKiB) + ".");
		line("");
	}

	private void errors() {
		line("## Errors");
		line("");
		List<String> lines = new ArrayList<>();
		for (Result r : this.results) {
			if (r.errors() > 0) {
				lines.add("- " + r.variant() + " at c=" + r.concurrency() + ", round " + r.round() + ": " + r.errors()
						+ " errors, first: " + r.firstError());
			}
		}
		for (BatchOutcome.Run run : this.batch.runs) {
			if (run.errors() > 0) {
				lines.add("- batch " + run.side() + ", round " + run.round() + ": " + run.errors() + " errors");
			}
		}
		for (String failure : this.batch.failures) {
			lines.add("- batch failed: " + failure);
		}
		if (this.batch.exitCode != 0) {
			lines.add("- the batch JVM exited with code " + this.batch.exitCode);
		}
		if (lines.isEmpty()) {
			line("None: every call of every run, warm-ups included, was a 200 with the full body.");
		}
		else {
			lines.forEach(this::line);
		}
		line("");
	}

	/**
	 * The goals of issue 14 ("never slower than the hand-assembled stack").
	 */
	private void goals() {
		line("## Goals");
		line("");
		for (int c : new int[] { 64, 256 }) {
			ratioGoal("D", "C", c, 1.10);
		}
		for (int c : new int[] { 64, 256 }) {
			ratioGoal("D", "B", c, 0.85);
		}
		for (int c : new int[] { 64, 256 }) {
			ratioGoal("E", "B", c, 0.97);
		}
		for (int c : new int[] { 64, 256 }) {
			ratioGoal("G", "B", c, 1.05);
		}
		for (int c : new int[] { 64, 256 }) {
			ratioGoal("H", "A", c, 0.90);
		}
		for (int c : new int[] { 64, 256 }) {
			ratioGoal("J", "I", c, 1.0);
		}
		for (int c : new int[] { 64, 256 }) {
			ratioGoal("K", "I", c, 1.1);
		}
		Spread overhead = p50Overhead();
		boolean clean = clean("D", 1) && clean("B", 1);
		goal(overhead != null && clean && overhead.median() < 20,
				"D p50 overhead over B at concurrency 1 < 20 µs: "
						+ ((overhead != null) ? String.format(Locale.ROOT, "%.1f µs", overhead.median()) : "n/a")
						+ (clean ? "" : " (errors)"));
		allocationGoal("D", 20);
		allocationGoal("G", 14);
		boolean batchClean = this.batch.failures.isEmpty() && this.batch.exitCode == 0
				&& this.batch.runs.stream().allMatch((r) -> r.errors() == 0)
				&& this.batch.maxHeapBytes > 0 && this.batch.maxHeapBytes <= 128L * 1024 * 1024;
		batchGoal(batchRatio(), "unordered streaming batch <= 1.05 of raw flatMap with -Xmx128m", batchClean);
		batchGoal(batchRatio("connectorOrdered", "flatMapSequential"),
				"ordered streaming batch <= 1.05 of raw flatMapSequential with -Xmx128m", batchClean);
		line("");
	}

	private void batchGoal(Double ratio, String text, boolean clean) {
		goal(ratio != null && clean && ratio <= 1.05, text + ": time ratio "
				+ ((ratio != null) ? String.format(Locale.ROOT, "%.2f", ratio) : "n/a")
				+ (clean ? "" : " (errors or not completed under 128 MB)"));
	}

	/**
	 * Allocation per request at every concurrency the variant ran, the worst median of them.
	 */
	private void allocationGoal(String variant, double maxKiB) {
		double worst = 0;
		for (int c : new int[] { 1, 16, 64, 256 }) {
			List<Result> runs = runs(variant, c);
			if (!runs.isEmpty()) {
				worst = Math.max(worst, median(runs, Result::allocatedPerRequest) / 1024);
			}
		}
		goal(worst > 0 && worst <= maxKiB, String.format(Locale.ROOT,
				"%s allocation per request <= %.0f KiB (worst median over the concurrencies): %.1f KiB", variant,
				maxKiB, worst));
	}

	private void ratioGoal(String numerator, String denominator, int concurrency, double target) {
		Double ratio = ratio(numerator, denominator, concurrency);
		boolean clean = clean(numerator, concurrency) && clean(denominator, concurrency);
		goal(ratio != null && clean && ratio >= target,
				String.format(Locale.ROOT, "%s/%s throughput >= %.2f at concurrency %d: %s%s", numerator, denominator,
						target, concurrency, (ratio != null) ? String.format(Locale.ROOT, "%.3f", ratio) : "n/a",
						clean ? "" : " (errors)"));
	}

	private void goal(boolean pass, String text) {
		line("- " + (pass ? "PASS " : "FAIL ") + text);
	}

	private String ratioText(String numerator, String denominator, int concurrency) {
		Double ratio = ratio(numerator, denominator, concurrency);
		if (ratio == null) {
			return "n/a";
		}
		List<Double> perRound = new ArrayList<>();
		for (int round = 1; round <= this.setup.rounds(); round++) {
			Result n = find(numerator, concurrency, round);
			Result d = find(denominator, concurrency, round);
			if (n != null && d != null) {
				perRound.add(n.throughput() / d.throughput());
			}
		}
		Spread spread = Spread.of(perRound);
		return String.format(Locale.ROOT, "%.3f (%.3f..%.3f)", ratio, spread.min(), spread.max());
	}

	private Double ratio(String numerator, String denominator, int concurrency) {
		List<Result> n = runs(numerator, concurrency);
		List<Result> d = runs(denominator, concurrency);
		if (n.isEmpty() || d.isEmpty()) {
			return null;
		}
		return median(n, Result::throughput) / median(d, Result::throughput);
	}

	private Spread p50Overhead() {
		List<Double> differences = new ArrayList<>();
		for (int round = 1; round <= this.setup.rounds(); round++) {
			Result d = find("D", 1, round);
			Result b = find("B", 1, round);
			if (d != null && b != null) {
				differences.add(d.p50Micros() - b.p50Micros());
			}
		}
		return differences.isEmpty() ? null : Spread.of(differences);
	}

	private Double batchRatio() {
		return batchRatio("connector", "flatMap");
	}

	private Double batchRatio(String side, String against) {
		List<BatchOutcome.Run> connector = this.batch.side(side);
		List<BatchOutcome.Run> flatMap = this.batch.side(against);
		if (connector.isEmpty() || flatMap.isEmpty()) {
			return null;
		}
		return Spread.of(connector.stream().map((r) -> (double) r.millis()).toList()).median()
				/ Spread.of(flatMap.stream().map((r) -> (double) r.millis()).toList()).median();
	}

	private boolean clean(String variant, int concurrency) {
		List<Result> runs = runs(variant, concurrency);
		return !runs.isEmpty() && runs.stream().allMatch((r) -> r.errors() == 0);
	}

	private List<Result> runs(String variant, int concurrency) {
		return this.results.stream()
			.filter((r) -> r.variant().equals(variant) && r.concurrency() == concurrency)
			.toList();
	}

	private Result find(String variant, int concurrency, int round) {
		return this.results.stream()
			.filter((r) -> r.variant().equals(variant) && r.concurrency() == concurrency && r.round() == round)
			.findFirst()
			.orElse(null);
	}

	private static double median(List<Result> runs, ToDoubleFunction<Result> metric) {
		return Spread.of(runs.stream().map(metric::applyAsDouble).toList()).median();
	}

	private static String spread(List<Result> runs, ToDoubleFunction<Result> metric, String format) {
		return Spread.of(runs.stream().map(metric::applyAsDouble).toList()).format(format);
	}

	private static String errorCount(List<Result> runs) {
		long errors = runs.stream().mapToLong(Result::errors).sum();
		return (errors == 0) ? "0" : "**" + errors + "**";
	}

	private static String orNone(String options) {
		return (options == null || options.isBlank()) ? "(none)" : "`" + options + "`";
	}

	private static String mib(long bytes) {
		return (bytes < 0) ? "?" : String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
	}

	private static String kib(long kib) {
		return (kib < 0) ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

	/**
	 * A median with the lowest and highest value.
	 *
	 * @param median the median
	 * @param min the lowest value
	 * @param max the highest value
	 */
	record Spread(double median, double min, double max) {

		static Spread of(List<Double> values) {
			List<Double> sorted = values.stream().sorted().toList();
			int n = sorted.size();
			double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
			return new Spread(median, sorted.get(0), sorted.get(n - 1));
		}

		String format(String format) {
			return String.format(Locale.ROOT, format + " (" + format + ".." + format + ")", this.median, this.min,
					this.max);
		}

	}

	/**
	 * How the benchmark ran, for the report's head.
	 *
	 * @param date when it ran
	 * @param jvm the JVM's name, version and vendor
	 * @param cores the processors the JVM sees
	 * @param os the operating system
	 * @param documentedCommand the build-and-run command of the README
	 * @param driverCommand the driver's own command line
	 * @param driverOptions the driver's JVM options
	 * @param serverOptions the server JVM's options
	 * @param rounds the rounds
	 * @param concurrencies the concurrencies, in order
	 * @param requestsText the warm-up and measured requests per run, described
	 * @param batchRequests the requests of each batch side
	 * @param elapsedSeconds the wall time of the whole benchmark
	 * @param matrixSeconds the wall time of the load matrix, warm-up included
	 * @param batchSeconds the wall time of the batch JVM
	 * @param driverRssStartKiB the driver's RSS at start
	 * @param driverRssEndKiB the driver's RSS after the load matrix
	 * @param driverPeakRssKiB the driver's peak RSS
	 * @param serverRssKiB the server's RSS at the end
	 * @param bootApplication the Boot application of I to K, described, or {@code null} if it
	 * did not run
	 */
	record Setup(String date, String jvm, int cores, String os, String documentedCommand, String driverCommand,
			String driverOptions, String serverOptions, int rounds, List<Integer> concurrencies, String requestsText,
			int batchRequests, double elapsedSeconds, double matrixSeconds, double batchSeconds, long driverRssStartKiB,
			long driverRssEndKiB, long driverPeakRssKiB, long serverRssKiB, String bootApplication) {
	}

}
