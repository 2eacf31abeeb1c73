package dev.connector.observation;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import dev.connector.ConnectorException;
import dev.connector.ConnectorResponse;
import dev.connector.FailureKind;
import dev.connector.ResponseException;
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

	private static final int MAX_CACHED_TEMPLATES = 1024;

	private static final KeyValue URI_NONE = KeyValue.of(LowCardinalityKeys.URI, "none");

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
			String name = type.getSimpleName();
			return KeyValue.of(LowCardinalityKeys.EXCEPTION, name.isEmpty() ? type.getName() : name);
		}

	};

	private static final KeyValues NOT_YET_KNOWN = KeyValues.empty();

	private final Map<String, KeyValue> clients = new ConcurrentHashMap<>();

	private final Map<String, KeyValue> transports = new ConcurrentHashMap<>();

	private final Map<String, KeyValue> methods = new ConcurrentHashMap<>();

	private final Map<String, KeyValue> templates = new ConcurrentHashMap<>();

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
		return KeyValues.of(client(context), exception(context), method(context), outcome(context), status(context),
				transport(context), uriTemplate(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ConnectorObservationContext context) {
		if (context.getUri() == null && context.getResponse() == null && context.getError() == null) {
			// at start nothing is known yet; the values are taken again when it stops
			return NOT_YET_KNOWN;
		}
		return KeyValues.of(attempts(context), url(context), requestSize(context), responseSize(context));
	}

	/**
	 * Return the {@code client} key value: the client's name.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue client(ConnectorObservationContext context) {
		return cached(this.clients, LowCardinalityKeys.CLIENT, context.getClientName());
	}

	/**
	 * Return the {@code transport} key value: the client's transport type.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue transport(ConnectorObservationContext context) {
		return cached(this.transports, LowCardinalityKeys.TRANSPORT, context.getTransport());
	}

	/**
	 * Return the {@code method} key value: the request's method.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue method(ConnectorObservationContext context) {
		return cached(this.methods, LowCardinalityKeys.METHOD, context.getRequest().method().name());
	}

	/**
	 * Return the {@code outcome} key value: how the call or attempt ended.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue outcome(ConnectorObservationContext context) {
		return OUTCOMES[classify(context).ordinal()];
	}

	/**
	 * Return the {@code status} key value: the response status, also of an error status,
	 * or {@code NONE} when no response arrived.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue status(ConnectorObservationContext context) {
		ConnectorResponse response = context.getResponse();
		int status = (response != null) ? response.status()
				: (context.getError() instanceof ResponseException error) ? error.getStatus() : -1;
		return (status >= 0 && status < STATUSES.length) ? STATUSES[status]
				: (status < 0) ? STATUS_NONE : KeyValue.of(LowCardinalityKeys.STATUS, String.valueOf(status));
	}

	/**
	 * Return the {@code exception} key value: the simple name of the error's class, its
	 * full name for an anonymous class, or {@code none}.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue exception(ConnectorObservationContext context) {
		Throwable error = context.getError();
		return (error != null) ? EXCEPTIONS.get(error.getClass()) : EXCEPTION_NONE;
	}

	/**
	 * Return the {@code attempts} key value: for an attempt its number, for a call the
	 * attempts it made.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue attempts(ConnectorObservationContext context) {
		return KeyValue.of(HighCardinalityKeys.ATTEMPTS, String.valueOf(context.getAttempt()));
	}

	/**
	 * Return the {@code request.size} key value: the length of a body of bytes or text, or
	 * 0.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue requestSize(ConnectorObservationContext context) {
		Object body = context.getRequest().body();
		long size = (body instanceof byte[] bytes) ? bytes.length : (body instanceof String text) ? text.length() : 0;
		return KeyValue.of(HighCardinalityKeys.REQUEST_SIZE, String.valueOf(size));
	}

	/**
	 * Return the {@code response.size} key value: the length of the response body, or 0.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue responseSize(ConnectorObservationContext context) {
		ConnectorResponse response = context.getResponse();
		return KeyValue.of(HighCardinalityKeys.RESPONSE_SIZE,
				String.valueOf((response != null) ? response.bodyLength() : 0));
	}

	/**
	 * Return the high-cardinality {@code http.url} key value: the URI sent to, or
	 * {@code none}.
	 * @param context the context
	 * @return the key value
	 * @since 0.1.0
	 */
	protected KeyValue url(ConnectorObservationContext context) {
		return KeyValue.of(HighCardinalityKeys.URL, (context.getUri() != null) ? context.getUri().toString() : "none");
	}

	/**
	 * Return the low-cardinality {@code uri} key value: the path of the request's URI
	 * template, such as {@code /payments/{id}} (without a query), or {@code none} when it was built from a plain path or an
	 * absolute URI, so that a route's calls share one timer whatever their ids.
	 * @param context the context
	 * @return the key value
	 * @since 0.1.0
	 */
	protected KeyValue uriTemplate(ConnectorObservationContext context) {
		String template = context.getRequest().uriTemplate();
		if (template == null) {
			return URI_NONE;
		}
		KeyValue keyValue = this.templates.get(template);
		if (keyValue == null) {
			// the route is the template's path: a query's placeholders (such as those
			// @RequestParam arguments add) name no route
			int query = template.indexOf('?');
			keyValue = KeyValue.of(LowCardinalityKeys.URI, (query < 0) ? template : template.substring(0, query));
			if (this.templates.size() < MAX_CACHED_TEMPLATES) {
				// bounded: a template built from ids would be a mistake, not a reason to grow
				this.templates.putIfAbsent(template, keyValue);
			}
		}
		return keyValue;
	}

	/**
	 * Return the key value of a client, transport or method name; there are few of each.
	 */
	private static KeyValue cached(Map<String, KeyValue> cache, LowCardinalityKeys key, String value) {
		KeyValue keyValue = cache.get(value);
		if (keyValue == null) {
			keyValue = KeyValue.of(key, value);
			cache.putIfAbsent(value, keyValue);
		}
		return keyValue;
	}

	/**
	 * Classify how a call or attempt ended, by the failure's kind.
	 * @param context the context
	 * @return the outcome
	 */
	protected Outcome classify(ConnectorObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			if (context.isCancelled()) {
				return Outcome.CANCELLED;
			}
			ConnectorResponse response = context.getResponse();
			return (response == null || response.status() < 400) ? Outcome.SUCCESS
					: (response.status() < 500) ? Outcome.CLIENT_ERROR : Outcome.SERVER_ERROR;
		}
		FailureKind kind = (error instanceof ConnectorException failure) ? failure.kind() : FailureKind.UNKNOWN;
		return switch (kind) {
			case CLIENT_ERROR -> Outcome.CLIENT_ERROR;
			case SERVER_ERROR -> Outcome.SERVER_ERROR;
			case TIMEOUT -> Outcome.TIMEOUT;
			case TRANSPORT -> Outcome.TRANSPORT_ERROR;
			case REJECTED -> Outcome.REJECTED;
			case DECODE -> Outcome.DECODE_ERROR;
			case CONFIGURATION, UNKNOWN -> Outcome.UNKNOWN;
		};
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
