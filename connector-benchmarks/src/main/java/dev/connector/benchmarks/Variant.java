package dev.connector.benchmarks;

import java.util.function.Supplier;

/**
 * One client stack under test, identified by a letter, and how to build a fresh instance of
 * it. Every run builds its own {@link Client} and closes it afterwards, so no run inherits
 * connections (or their placement on event loops) from an earlier one.
 *
 * @param id the letter in the report, {@code A} to {@code F}
 * @param label what the variant is, for the report
 * @param factory builds a new client with its own connections
 */
record Variant(String id, String label, Supplier<Client> factory) {

	/**
	 * Build a new client of this variant.
	 * @return the client; close it when done
	 */
	Client open() {
		return this.factory.get();
	}

}
