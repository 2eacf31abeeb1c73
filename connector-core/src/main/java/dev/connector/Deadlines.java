package dev.connector;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One client's call deadlines, on a hashed wheel: arming and cancelling a deadline is a
 * lock-free queue operation, where Reactor's default timer (a
 * {@code ScheduledThreadPoolExecutor}) takes a lock and, when its queue is empty, wakes its
 * thread for every call. Deadlines fire within one tick (10 ms) of their time. The wheel's
 * thread starts with the first call and stops when the client closes.
 */
final class Deadlines implements AutoCloseable {

	private static final long TICK_MILLIS = 10;

	private final HashedWheelTimer wheel;

	Deadlines(String clientName) {
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, "connector-deadlines-" + clientName);
			thread.setDaemon(true);
			return thread;
		};
		this.wheel = new HashedWheelTimer(threads, TICK_MILLIS, TimeUnit.MILLISECONDS, 512, false);
	}

	/**
	 * Return a publisher that emits once the given time has passed since it was subscribed,
	 * for {@link Mono#timeout(org.reactivestreams.Publisher)}.
	 * @param timeout the deadline from subscription
	 * @return the publisher; cancelling it disarms the deadline
	 */
	Mono<Long> after(Duration timeout) {
		long nanos = timeout.toNanos();
		return Mono.create((sink) -> {
			// the wheel drops a cancelled deadline only at its next tick: until then it must not
			// keep the call (and its response) reachable through the sink
			AtomicReference<MonoSink<Long>> armed = new AtomicReference<>(sink);
			Timeout deadline = this.wheel.newTimeout((expired) -> {
				MonoSink<Long> target = armed.getAndSet(null);
				if (target != null) {
					target.success(0L);
				}
			}, nanos, TimeUnit.NANOSECONDS);
			sink.onCancel(() -> {
				armed.set(null);
				deadline.cancel();
			});
		});
	}

	@Override
	public void close() {
		this.wheel.stop();
	}

}
