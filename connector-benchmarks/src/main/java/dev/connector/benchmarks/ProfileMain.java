package dev.connector.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drives chosen variants at one concurrency for profiling, against the same loopback server
 * in its own JVM: {@code java -XX:StartFlightRecording=... -cp connector-benchmarks.jar
 * dev.connector.benchmarks.ProfileMain E 64 200000}. Prints each run's throughput; the
 * numbers that count come from {@link BenchmarkMain}. The Boot application of I, J and K
 * starts only if one of them is chosen.
 */
public final class ProfileMain {

	private ProfileMain() {
	}

	public static void main(String[] args) throws Exception {
		Set<String> ids = Set.of(args[0].split(","));
		int concurrency = Integer.parseInt(args[1]);
		int requests = Integer.parseInt(args[2]);
		try (ChildJvm server = ChildJvm.start(ServerMain.class, BenchmarkMain.SERVER_OPTIONS, List.of())) {
			String baseUrl = "http://127.0.0.1:" + BenchmarkMain.port(server);
			try (BootVariants boot = new BootVariants(baseUrl)) {
				List<Variant> variants = new ArrayList<>(Variants.all(baseUrl));
				variants.addAll(boot.all());
				profile(variants, ids, concurrency, requests);
			}
		}
	}

	private static void profile(List<Variant> variants, Set<String> ids, int concurrency, int requests) {
		for (int round = 1; round <= 3; round++) {
			for (Variant variant : variants) {
				if (ids.contains(variant.id())) {
					LoadRun.Result result = LoadRun.run(variant, concurrency, requests / 5, requests, round);
					System.out.printf("%s c=%d round=%d %.0f req/s errors=%d%n", variant.id(), concurrency, round,
							result.throughput(), result.errors());
				}
			}
		}
	}

}
