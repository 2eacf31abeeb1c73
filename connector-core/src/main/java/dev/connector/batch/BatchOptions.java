package dev.connector.batch;

import java.time.Duration;

/**
 * How a batch of calls runs: how many at once, under which deadline, and what a failure
 * does to the rest. Immutable; derive variants with {@link #toBuilder()}.
 *
 * <ul>
 * <li>{@code maxConcurrency}: the most calls in flight at once; unset, the client's
 * {@code batch.max-concurrency}.</li>
 * <li>{@code timeout}: a deadline for the whole batch. In collect mode, when it passes,
 * calls in flight are cancelled (their connections closed, not leaked), calls not started
 * are never sent, and each unfinished call yields a
 * {@link dev.connector.ConnectorTimeoutException} failure; the batch itself completes. In
 * fail-fast mode the batch errors with that exception. Unset, only each call's own deadline
 * applies.</li>
 * <li>{@code failFast}: off (collect), every request yields exactly one
 * {@link BatchResult}, success or failure. On, the first failure cancels every call in
 * flight, sends no further request, and the batch errors with that failure.</li>
 * <li>{@code ordered}: for the streaming form, whether results come in input order (the
 * default; a slow call holds later results back, memory stays bounded by
 * {@code maxConcurrency}) or as they complete. The list form is always in input order.</li>
 * <li>{@code requestTimeout}: a per-call deadline for the requests of this batch that do not
 * set their own.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class BatchOptions {

	private static final BatchOptions DEFAULTS = new Builder().build();

	private final Integer maxConcurrency;

	private final Duration timeout;

	private final boolean failFast;

	private final boolean ordered;

	private final Duration requestTimeout;

	private BatchOptions(Builder builder) {
		this.maxConcurrency = builder.maxConcurrency;
		this.timeout = builder.timeout;
		this.failFast = builder.failFast;
		this.ordered = builder.ordered;
		this.requestTimeout = builder.requestTimeout;
	}

	/**
	 * Return the default options: the client's concurrency, no batch deadline, collect mode,
	 * ordered.
	 * @return the defaults
	 */
	public static BatchOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder initialised with these options.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.maxConcurrency = this.maxConcurrency;
		builder.timeout = this.timeout;
		builder.failFast = this.failFast;
		builder.ordered = this.ordered;
		builder.requestTimeout = this.requestTimeout;
		return builder;
	}

	/**
	 * Return the most calls in flight at once.
	 * @return the concurrency, or {@code null} for the client's {@code batch.max-concurrency}
	 */
	public Integer maxConcurrency() {
		return this.maxConcurrency;
	}

	/**
	 * Return the deadline of the whole batch.
	 * @return the timeout, or {@code null} for none
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return whether the first failure fails the batch.
	 * @return {@code true} for fail-fast, {@code false} to collect every result
	 */
	public boolean failFast() {
		return this.failFast;
	}

	/**
	 * Return whether the streaming form emits results in input order.
	 * @return {@code true} for input order
	 */
	public boolean ordered() {
		return this.ordered;
	}

	/**
	 * Return the per-call deadline for requests that set none.
	 * @return the timeout, or {@code null} for the client's
	 */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	@Override
	public String toString() {
		return "BatchOptions[maxConcurrency=" + this.maxConcurrency + ", timeout=" + this.timeout + ", failFast="
				+ this.failFast + ", ordered=" + this.ordered + ", requestTimeout=" + this.requestTimeout + "]";
	}

	/**
	 * Builds {@link BatchOptions}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private Integer maxConcurrency;

		private Duration timeout;

		private boolean failFast;

		private boolean ordered = true;

		private Duration requestTimeout;

		private Builder() {
		}

		/**
		 * Set the most calls in flight at once.
		 * @param maxConcurrency at least 1, or {@code null} for the client's setting
		 * @return this builder
		 */
		public Builder maxConcurrency(Integer maxConcurrency) {
			if (maxConcurrency != null && maxConcurrency < 1) {
				throw new IllegalArgumentException("maxConcurrency must be at least 1 but was " + maxConcurrency);
			}
			this.maxConcurrency = maxConcurrency;
			return this;
		}

		/**
		 * Set the deadline of the whole batch.
		 * @param timeout a positive duration, or {@code null} for none
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = positive("timeout", timeout);
			return this;
		}

		/**
		 * Choose fail-fast or collect mode.
		 * @param failFast {@code true} to fail the batch on the first failure
		 * @return this builder
		 */
		public Builder failFast(boolean failFast) {
			this.failFast = failFast;
			return this;
		}

		/**
		 * Choose whether the streaming form keeps input order.
		 * @param ordered {@code true} for input order, {@code false} for completion order
		 * @return this builder
		 */
		public Builder ordered(boolean ordered) {
			this.ordered = ordered;
			return this;
		}

		/**
		 * Set the per-call deadline for requests that set none.
		 * @param requestTimeout a positive duration, or {@code null} for the client's
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = positive("requestTimeout", requestTimeout);
			return this;
		}

		private static Duration positive(String name, Duration value) {
			if (value != null && (value.isNegative() || value.isZero())) {
				throw new IllegalArgumentException(name + " must be positive but was " + value);
			}
			return value;
		}

		/**
		 * Build the options.
		 * @return immutable options
		 */
		public BatchOptions build() {
			return new BatchOptions(this);
		}

	}

}
