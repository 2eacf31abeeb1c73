package dev.connector.benchmarks;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * One built instance of a {@link Variant}: its connections and how to make the benchmark's
 * call with them. Each {@link #call()} sends {@code GET /data}, reads the whole body and emits
 * whether the response was good: status 200 and exactly the server's body length. The harness
 * counts {@code false}, an error signal and an empty completion as errors.
 *
 * @param calls makes one call per subscription of the returned {@code Mono}
 * @param closer releases the client's connections
 */
record Client(Supplier<Mono<Boolean>> calls, Runnable closer) implements AutoCloseable {

	/**
	 * Return a publisher of one call; nothing is sent until it is subscribed.
	 * @return whether the response was a 200 with the full body
	 */
	Mono<Boolean> call() {
		return this.calls.get();
	}

	@Override
	public void close() {
		this.closer.run();
	}

	/**
	 * Return whether a response is what the server sends.
	 * @param status the response status
	 * @param body the body as read, or {@code null}
	 * @return {@code true} for a 200 with the full 100-byte body
	 */
	static boolean ok(int status, byte[] body) {
		return status == 200 && body != null && body.length == ServerMain.BODY.length;
	}

}
