package dev.connector.observation;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import dev.connector.ConnectorResponse;
import dev.connector.ConnectorTimeoutException;
import dev.connector.DecodeException;
import dev.connector.RejectedCallException;
import dev.connector.ResponseException;
import dev.connector.TransportException;
import dev.connector.observation.ConnectorObservationDocumentation.HighCardinalityKeys;
import dev.connector.observation.ConnectorObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The shipped convention of calls: {@code connector.request}, with the keys of
 * {@link ConnectorObservationDocumentation}. Low-cardinality values come from small fixed
 * sets; the URI and sizes are high-cardinality. Attempts use
 * {@link DefaultConnectorAttemptObservationConvention}.
 *
 * @since 0.1.0
 */
public class DefaultConnectorObservationConvention implements ConnectorObservationConvention {

	/** The name of a call's observation, and of its timer. */
	public static final String CALL_NAME = "connector.request";

	private static final KeyValue STATUS_NONE = KeyValue.of(LowCardinalityKeys.STATUS, "NONE");

	private static final KeyValue EXCEPTION_NONE = KeyValue.of(LowCardinalityKeys.EXCEPTION, "none");

	private static final KeyValue[] OUTCOMES = Arrays.stream(Outcome.values())
		.map((outcome) -> KeyValue.of(LowCardinalityKeys.OUTCOME, outcome.name()))
		.toArray(KeyValue[]::new);

	private static final KeyValue[] STATUSES = IntStream.range(0, 600)
		.mapToObj((status) -> KeyValue.of(LowCardinalityKeys.STATUS, String.valueOf(status)))
		.toArray(KeyValue[]::new);

	private static final ClassValue<KeyValue> EXCEPTIONS = new ClassValue<>() {

		@Override
		protected KeyValue computeValue(Class<?> type) {
			return KeyValue.of(LowCardinalityKeys.EXCEPTION, type.getSimpleName());
		}

	};

	private static final KeyValues NOT_YET_KNOWN = KeyValues.empty();

	private final Map<String, KeyValue> clients = new ConcurrentHashMap<>();

	private final Map<String, KeyValue> transports = new ConcurrentHashMap<>();

	private final Map<String, KeyValue> methods = new ConcurrentHashMap<>();

	@Override
	public String getName() {
		return CALL_NAME;
	}

	@Override
	public String getContextualName(ConnectorObservationContext context) {
		return context.getClientName() + " " + context.getRequest().method().name()
				+ ((context.getType() == ConnectorObservationContext.Type.ATTEMPT) ? " attempt " + context.getAttempt()
						: "");
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ConnectorObservationContext context) {
		// in the keys' sorted order, so that building KeyValues costs no real sort
		return KeyValues.of(name(this.clients, LowCardinalityKeys.CLIENT, context.getClientName()),
				exception(context), name(this.methods, LowCardinalityKeys.METHOD, context.getRequest().method().name()),
				OUTCOMES[outcome(context).ordinal()], status(context),
				name(this.transports, LowCardinalityKeys.TRANSPORT, context.getTransport()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ConnectorObservationContext context) {
		if (context.getUri() == null && context.getResponse() == null && context.getError() == null) {
			// at start nothing is known yet; the values are taken again when it stops
			return NOT_YET_KNOWN;
		}
		ConnectorResponse response = context.getResponse();
		return KeyValues.of(KeyValue.of(HighCardinalityKeys.ATTEMPTS, String.valueOf(context.getAttempt())),
				KeyValue.of(HighCardinalityKeys.REQUEST_SIZE, String.valueOf(requestSize(context))),
				KeyValue.of(HighCardinalityKeys.RESPONSE_SIZE,
						String.valueOf((response != null) ? response.bodyLength() : 0)),
				KeyValue.of(HighCardinalityKeys.URI, (context.getUri() != null) ? context.getUri().toString() : "none"));
	}

	/**
	 * Return the key value of a client, transport or method name; there are few of each.
	 */
	private static KeyValue name(Map<String, KeyValue> cache, LowCardinalityKeys key, String value) {
		KeyValue keyValue = cache.get(value);
		if (keyValue == null) {
			keyValue = KeyValue.of(key, value);
			cache.putIfAbsent(value, keyValue);
		}
		return keyValue;
	}

	/**
	 * Classify how a call or attempt ended.
	 * @param context the context
	 * @return the outcome
	 */
	protected Outcome outcome(ConnectorObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			if (context.isCancelled()) {
				return Outcome.CANCELLED;
			}
			ConnectorResponse response = context.getResponse();
			return (response == null || response.status() < 400) ? Outcome.SUCCESS
					: (response.status() < 500) ? Outcome.CLIENT_ERROR : Outcome.SERVER_ERROR;
		}
		if (error instanceof ResponseException response) {
			return (response.getStatus() < 500) ? Outcome.CLIENT_ERROR : Outcome.SERVER_ERROR;
		}
		if (error instanceof ConnectorTimeoutException) {
			return Outcome.TIMEOUT;
		}
		if (error instanceof TransportException) {
			return Outcome.TRANSPORT_ERROR;
		}
		if (error instanceof RejectedCallException) {
			return Outcome.REJECTED;
		}
		if (error instanceof DecodeException) {
			return Outcome.DECODE_ERROR;
		}
		return Outcome.UNKNOWN;
	}

	private KeyValue status(ConnectorObservationContext context) {
		ConnectorResponse response = context.getResponse();
		int status = (response != null) ? response.status()
				: (context.getError() instanceof ResponseException error) ? error.getStatus() : -1;
		return (status >= 0 && status < STATUSES.length) ? STATUSES[status]
				: (status < 0) ? STATUS_NONE : KeyValue.of(LowCardinalityKeys.STATUS, String.valueOf(status));
	}

	private KeyValue exception(ConnectorObservationContext context) {
		Throwable error = context.getError();
		return (error != null) ? EXCEPTIONS.get(error.getClass()) : EXCEPTION_NONE;
	}

	private static long requestSize(ConnectorObservationContext context) {
		Object body = context.getRequest().body();
		if (body instanceof byte[] bytes) {
			return bytes.length;
		}
		if (body instanceof String text) {
			return text.length();
		}
		return 0;
	}

	/**
	 * How a call or attempt ended: a small, fixed set of values.
	 *
	 * @since 0.1.0
	 */
	public enum Outcome {

		/** A response below 400. */
		SUCCESS,

		/** A 4xx response. */
		CLIENT_ERROR,

		/** A 5xx response. */
		SERVER_ERROR,

		/** A deadline passed. */
		TIMEOUT,

		/** Refused, reset, unresolvable, TLS. */
		TRANSPORT_ERROR,

		/** A resilience guard refused the call. */
		REJECTED,

		/** The body could not be read. */
		DECODE_ERROR,

		/** The subscriber cancelled. */
		CANCELLED,

		/** Anything else. */
		UNKNOWN

	}

}
