package dev.connector;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.connector.test.LoopbackServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A streamed response is read only as fast as its subscriber asks: 1 GiB consumed slowly,
 * one element at a time, completes in a JVM whose heap (and so Netty's direct memory) is
 * capped at 64 MB. Surefire runs this class in its own execution,
 * {@code stream-backpressure-memory}, with {@code -Xmx64m} (see the module's pom).
 */
class StreamBackpressureMemoryTest {

	private static final int CHUNK = 64 * 1024;

	private static final int CHUNKS = 16 * 1024;

	private static final long TOTAL = (long) CHUNK * CHUNKS;

	@Test
	void oneGibibyteConsumedSlowlyCompletesWithin64MegabytesOfHeap() {
		assertThat(Runtime.getRuntime().maxMemory()).as("max heap").isLessThanOrEqualTo(64L * 1024 * 1024);
		ByteBuf chunk = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[CHUNK]));
		AtomicLong sent = new AtomicLong();
		try (LoopbackServer server = LoopbackServer.startUnrecorded((request, response) -> response
			.header("Content-Type", "application/octet-stream")
			.send(Flux.range(0, CHUNKS).map((i) -> {
				sent.addAndGet(CHUNK);
				return chunk.duplicate();
			})));
				Connector connector = Connector.builder("export")
					.settings((s) -> s.baseUrl(server.baseUrl()).timeout(Duration.ofSeconds(30)))
					.build()) {
			AtomicLong received = new AtomicLong();
			AtomicLong mostAhead = new AtomicLong();
			long bytes = connector.stream(ConnectorRequest.get("/export").build(), byte[].class)
				.limitRate(1)
				.publishOn(Schedulers.boundedElastic(), 1)
				.doOnNext((element) -> {
					long total = received.addAndGet(element.length);
					mostAhead.accumulateAndGet(sent.get() - total, Math::max);
					if (total % (CHUNK * 64L) == 0) {
						// a slow consumer: the server must wait for it, not the heap
						LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
					}
				})
				.reduce(0L, (sum, element) -> sum + element.length)
				.block(Duration.ofMinutes(3));
			assertThat(bytes).isEqualTo(TOTAL);
			// what the server got ahead of the consumer sits in socket buffers, never in the heap
			assertThat(mostAhead.get()).isLessThan(64L * 1024 * 1024);
		}
	}

}
