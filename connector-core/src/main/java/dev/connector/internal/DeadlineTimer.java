package dev.connector.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * The clock of every client's deadlines, retry waits and batch deadlines: a Reactor
 * {@link Scheduler} on one Netty hashed wheel. Arming and cancelling a deadline is a
 * lock-free queue operation, where Reactor's default timer (a
 * {@code ScheduledThreadPoolExecutor}) takes a lock and, when its queue is empty, wakes
 * its thread for every call. Deadlines fire within one tick (10 ms) of their time.
 * <p>
 * One wheel, and one thread, serve all the clients of an application: each client
 * {@link #acquire() acquires} it when it is built and {@link #release() releases} it when
 * it closes, and the wheel stops with the last release (a later client starts a new one).
 * A client given a scheduler of its own (such as a {@code VirtualTimeScheduler} in a test)
 * does not use it.
 */
public final class DeadlineTimer implements Scheduler {

	private static final long TICK_MILLIS = 10;

	private static final Object lock = new Object();

	/** The wheel clients share while at least one of them is open. */
	private static DeadlineTimer shared;

	private static int users;

	private final HashedWheelTimer wheel;

	/** The wheel's thread, once started. */
	private volatile Thread thread;

	private DeadlineTimer() {
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, "connector-deadlines");
			thread.setDaemon(true);
			this.thread = thread;
			return thread;
		};
		this.wheel = new HashedWheelTimer(threads, TICK_MILLIS, TimeUnit.MILLISECONDS, 512, false);
	}

	/**
	 * Take a share of the application's timer, starting it if no client holds it.
	 * @return the timer; {@link #release()} it once when done
	 */
	public static DeadlineTimer acquire() {
		synchronized (lock) {
			if (shared == null) {
				shared = new DeadlineTimer();
			}
			users++;
			return shared;
		}
	}

	/**
	 * Give back a share taken with {@link #acquire()}; the last one stops the wheel's
	 * thread. Deadlines still armed then never fire: their calls are being closed.
	 */
	public void release() {
		synchronized (lock) {
			if (shared != this || users == 0) {
				return;
			}
			if (--users == 0) {
				shared = null;
				stop();
			}
		}
	}

	private void stop() {
		if (Thread.currentThread() != this.thread) {
			this.wheel.stop();
			return;
		}
		// the last share given back by a task on the wheel (a client closed in a deadline's
		// error handler): a wheel cannot stop from its own thread, so another thread stops it
		Thread stopper = new Thread(this.wheel::stop, "connector-deadlines-stop");
		stopper.setDaemon(true);
		stopper.start();
	}

	@Override
	public Disposable schedule(Runnable task) {
		return schedule(task, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		// the wheel drops a cancelled timeout only at its next tick: until then it must not
		// keep the task (and through it the call and its response) reachable
		AtomicReference<Runnable> armed = new AtomicReference<>(task);
		Timeout timeout;
		try {
			timeout = this.wheel.newTimeout((expired) -> {
				Runnable target = armed.getAndSet(null);
				if (target != null) {
					target.run();
				}
			}, delay, unit);
		}
		catch (IllegalStateException ex) {
			// the wheel was stopped: the Scheduler contract's way to refuse a task
			throw new RejectedExecutionException("The connector's deadline timer is stopped", ex);
		}
		return () -> {
			armed.set(null);
			timeout.cancel();
		};
	}

	@Override
	public long now(TimeUnit unit) {
		// monotonic: deadlines are differences, and the wall clock may jump
		return unit.convert(System.nanoTime(), TimeUnit.NANOSECONDS);
	}

	@Override
	public Worker createWorker() {
		return new WheelWorker();
	}

	@Override
	public void dispose() {
		// shared: stopped by the last release, not by any one user
	}

	/**
	 * A worker on the wheel; its tasks are cancelled when it is disposed.
	 */
	private final class WheelWorker implements Worker {

		private final Disposable.Composite tasks = Disposables.composite();

		@Override
		public Disposable schedule(Runnable task) {
			return schedule(task, 0, TimeUnit.NANOSECONDS);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			Disposable scheduled = DeadlineTimer.this.schedule(task, delay, unit);
			if (!this.tasks.add(scheduled)) {
				scheduled.dispose();
				throw new RejectedExecutionException("The worker is disposed");
			}
			return scheduled;
		}

		@Override
		public void dispose() {
			this.tasks.dispose();
		}

		@Override
		public boolean isDisposed() {
			return this.tasks.isDisposed();
		}

	}

}
