package dev.connector.batch;

import java.util.Objects;

import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;

/**
 * The outcome of one request of a batch: a value or a failure, never both, never neither,
 * with the request's position in the input.
 *
 * @param <T> the value type
 * @since 0.1.0
 */
public final class BatchResult<T> {

	private final long index;

	private final ConnectorRequest request;

	private final T value;

	private final ConnectorException error;

	private BatchResult(long index, ConnectorRequest request, T value, ConnectorException error) {
		this.index = index;
		this.request = Objects.requireNonNull(request, "request must not be null");
		this.value = value;
		this.error = error;
	}

	/**
	 * Create a success.
	 * @param <T> the value type
	 * @param index the request's position in the input, from 0
	 * @param request the request
	 * @param value the value
	 * @return a success
	 */
	public static <T> BatchResult<T> success(long index, ConnectorRequest request, T value) {
		return new BatchResult<>(index, request, Objects.requireNonNull(value, "value must not be null"), null);
	}

	/**
	 * Create a failure.
	 * @param <T> the value type
	 * @param index the request's position in the input, from 0
	 * @param request the request
	 * @param error why it failed
	 * @return a failure
	 */
	public static <T> BatchResult<T> failure(long index, ConnectorRequest request, ConnectorException error) {
		return new BatchResult<>(index, request, null, Objects.requireNonNull(error, "error must not be null"));
	}

	/**
	 * Return the request's position in the input.
	 * @return the index, from 0
	 */
	public long index() {
		return this.index;
	}

	/**
	 * Return the request.
	 * @return the request
	 */
	public ConnectorRequest request() {
		return this.request;
	}

	/**
	 * Return whether the request succeeded.
	 * @return {@code true} for a success
	 */
	public boolean isSuccess() {
		return this.error == null;
	}

	/**
	 * Return the value of a success.
	 * @return the value, or {@code null} for a failure
	 */
	public T value() {
		return this.value;
	}

	/**
	 * Return the error of a failure.
	 * @return the error, or {@code null} for a success
	 */
	public ConnectorException error() {
		return this.error;
	}

	/**
	 * Return the value, or throw the failure.
	 * @return the value
	 * @throws ConnectorException the failure
	 */
	public T getOrThrow() {
		if (this.error != null) {
			throw this.error;
		}
		return this.value;
	}

	@Override
	public String toString() {
		return "BatchResult[" + this.index + ", " + this.request + ", "
				+ (isSuccess() ? "success" : "failure: " + this.error.getClass().getSimpleName()) + "]";
	}

}
