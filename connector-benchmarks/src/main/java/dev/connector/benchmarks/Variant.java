package dev.connector.benchmarks;

import java.util.List;
import java.util.function.Supplier;

/**
 * One client stack under test, identified by a letter, and how to build a fresh instance of
 * it. Every run builds its own {@link Client} and closes it afterwards, so no run inherits
 * connections (or their placement on event loops) from an earlier one.
 *
 * @param id the letter in the report, {@code A} to {@code K}
 * @param label what the variant is, for the report
 * @param factory builds a new client with its own connections
 * @param concurrencies the concurrencies it runs at in the load matrix, or empty for all
 */
record Variant(String id, String label, Supplier<Client> factory, List<Integer> concurrencies) {

	/**
	 * A variant that runs at every concurrency.
	 * @param id the letter in the report
	 * @param label what the variant is
	 * @param factory builds a new client
	 */
	Variant(String id, String label, Supplier<Client> factory) {
		this(id, label, factory, List.of());
	}

	Variant {
		concurrencies = List.copyOf(concurrencies);
	}

	/**
	 * Build a new client of this variant.
	 * @return the client; close it when done
	 */
	Client open() {
		return this.factory.get();
	}

	/**
	 * Return whether the load matrix runs this variant at a concurrency.
	 * @param concurrency the calls in flight
	 * @return {@code true} if it does
	 */
	boolean runsAt(int concurrency) {
		return this.concurrencies.isEmpty() || this.concurrencies.contains(concurrency);
	}

}
