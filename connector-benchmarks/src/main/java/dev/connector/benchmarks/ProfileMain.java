package dev.connector.benchmarks;

import java.util.List;
import java.util.Set;

/**
 * Drives chosen variants at one concurrency for profiling, against the same loopback server
 * in its own JVM: {@code java -XX:StartFlightRecording=... -cp connector-benchmarks.jar
 * dev.connector.benchmarks.ProfileMain E 64 200000}. Prints each run's throughput; the
 * numbers that count come from {@link BenchmarkMain}.
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
			for (int round = 1; round <= 3; round++) {
				for (Variant variant : Variants.all(baseUrl)) {
					if (ids.contains(variant.id())) {
						LoadRun.Result result = LoadRun.run(variant, concurrency, requests / 5, requests, round);
						System.out.printf("%s c=%d round=%d %.0f req/s errors=%d%n", variant.id(), concurrency, round,
								result.throughput(), result.errors());
					}
				}
			}
		}
	}

}
