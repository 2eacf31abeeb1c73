package dev.connector.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the batch JVM ({@link BatchMain}) reported, parsed from its standard output.
 */
final class BatchOutcome {

	final List<Run> runs = new ArrayList<>();

	final List<String> failures = new ArrayList<>();

	long maxHeapBytes = -1;

	String jvmOptions = "";

	long peakRssKiB = -1;

	int exitCode = -1;

	/**
	 * Take in one line of the batch JVM's output; lines it does not know are ignored.
	 * @param line the line
	 */
	void accept(String line) {
		if (line.startsWith("RESULT ")) {
			Map<String, String> fields = fields(line);
			this.runs.add(new Run(fields.get("side"), Integer.parseInt(fields.get("round")),
					Long.parseLong(fields.get("millis")), Long.parseLong(fields.get("peakHeapBytes")),
					Long.parseLong(fields.get("errors"))));
		}
		else if (line.startsWith("FAILED ")) {
			this.failures.add(line.substring("FAILED ".length()));
		}
		else if (line.startsWith("JVM ")) {
			int options = line.indexOf(" options=");
			this.maxHeapBytes = Long.parseLong(fields(line.substring(0, options)).get("maxHeapBytes"));
			this.jvmOptions = line.substring(options + " options=".length());
		}
		else if (line.startsWith("RSS ")) {
			this.peakRssKiB = Long.parseLong(fields(line).get("peakKiB"));
		}
	}

	/**
	 * Return the runs of one side.
	 * @param side {@code connector} or {@code flatMap}
	 * @return its runs, in round order
	 */
	List<Run> side(String side) {
		return this.runs.stream().filter((run) -> run.side().equals(side)).toList();
	}

	private static Map<String, String> fields(String line) {
		Map<String, String> fields = new HashMap<>();
		for (String token : line.split(" ")) {
			int equals = token.indexOf('=');
			if (equals > 0) {
				fields.put(token.substring(0, equals), token.substring(equals + 1));
			}
		}
		return fields;
	}

	/**
	 * One side of one round.
	 *
	 * @param side {@code connector} or {@code flatMap}
	 * @param round the round, from 1
	 * @param millis the wall time of its requests
	 * @param peakHeapBytes the sum of the heap pools' peak use during it
	 * @param errors the requests without a good result
	 */
	record Run(String side, int round, long millis, long peakHeapBytes, long errors) {
	}

}
