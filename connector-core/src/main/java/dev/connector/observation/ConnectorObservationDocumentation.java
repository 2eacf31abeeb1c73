package dev.connector.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations Connector makes: one per call, which also carries the call's first
 * attempt; one per retry (a child of its call, so retries are visible); one per stream; and
 * one per batch (the parent of its calls). A call answered at its first attempt, the common
 * case, costs one observation. The trace of a call without retries:
 * <pre>
 * payments GET                  connector.request: the call and its only attempt; its
 *                               span is the traceparent that attempt sent
 * </pre>
 * and of a call answered at its third attempt:
 * <pre>
 * payments GET                  connector.request: the whole call, waits included; its
 * |                             span is the traceparent attempt 1 sent; the failure of
 * |                             attempt 1 is its event connector.attempt.failed
 * |                             (as a span event: "attempt 1 failed: &lt;exception&gt;")
 * +-- payments GET attempt 2    connector.request.attempt: its span is the traceparent
 * +-- payments GET attempt 3    attempt 2 (3) sent
 * </pre>
 *
 * @since 0.1.0
 */
public enum ConnectorObservationDocumentation implements ObservationDocumentation {

	/**
	 * A whole call, every attempt and wait included. Its timer, {@code connector.request},
	 * is tagged with the low-cardinality keys. It also carries the call's first attempt: its
	 * context carries the trace propagation headers that attempt sends, and a failed first
	 * attempt is its event {@code connector.attempt.failed}.
	 */
	CALL(DefaultConnectorObservationConvention.class, LowCardinalityKeys.values(), HighCardinalityKeys.values()),

	/**
	 * One retry of a call (its second attempt or a later one), named
	 * {@code connector.request.attempt}, a child of the call; its context carries the trace
	 * propagation headers sent with that attempt.
	 */
	ATTEMPT(DefaultConnectorAttemptObservationConvention.class, LowCardinalityKeys.values(),
			HighCardinalityKeys.values()),

	/**
	 * A stream, named {@code connector.stream}, from subscription to completion, error or
	 * cancellation, reconnects included; its context carries the trace propagation headers
	 * sent with each of its connections.
	 */
	STREAM(DefaultConnectorStreamObservationConvention.class, LowCardinalityKeys.values(),
			StreamHighCardinalityKeys.values()),

	/**
	 * A batch, named {@code connector.batch}; each of its calls is a child.
	 */
	BATCH(DefaultConnectorBatchObservationConvention.class, BatchLowCardinalityKeys.values(),
			BatchHighCardinalityKeys.values());

	private final Class<? extends ObservationConvention<? extends Observation.Context>> defaultConvention;

	private final KeyName[] lowCardinalityKeyNames;

	private final KeyName[] highCardinalityKeyNames;

	ConnectorObservationDocumentation(Class<? extends ObservationConvention<? extends Observation.Context>> convention,
			KeyName[] lowCardinalityKeyNames, KeyName[] highCardinalityKeyNames) {
		this.defaultConvention = convention;
		this.lowCardinalityKeyNames = lowCardinalityKeyNames;
		this.highCardinalityKeyNames = highCardinalityKeyNames;
	}

	@Override
	public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
		return this.defaultConvention;
	}

	@Override
	public KeyName[] getLowCardinalityKeyNames() {
		return this.lowCardinalityKeyNames.clone();
	}

	@Override
	public KeyName[] getHighCardinalityKeyNames() {
		return this.highCardinalityKeyNames.clone();
	}

	/**
	 * Low-cardinality keys of calls and attempts.
	 */
	public enum LowCardinalityKeys implements KeyName {

		/** The client's name. */
		CLIENT {
			@Override
			public String asString() {
				return "client";
			}
		},

		/** The transport type. */
		TRANSPORT {
			@Override
			public String asString() {
				return "transport";
			}
		},

		/** The request method. */
		METHOD {
			@Override
			public String asString() {
				return "method";
			}
		},

		/** How it ended: a value of {@link DefaultConnectorObservationConvention.Outcome}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The response status, or {@code NONE}. */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		},

		/** The simple name of the exception, or {@code none}. */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		},

		/**
		 * The path of the request's URI template, such as {@code /payments/{id}} (a query in
		 * the template is left out), or {@code none} for a
		 * request built from a plain path or an absolute URI: a route, never an id.
		 */
		URI {
			@Override
			public String asString() {
				return "uri";
			}
		}

	}

	/**
	 * High-cardinality keys of calls and attempts.
	 */
	public enum HighCardinalityKeys implements KeyName {

		/** The full URI sent to (query values redacted as configured), or {@code none}. */
		URL {
			@Override
			public String asString() {
				return "http.url";
			}
		},

		/** The request body size in bytes, when known; 0 otherwise. */
		REQUEST_SIZE {
			@Override
			public String asString() {
				return "request.size";
			}
		},

		/** The response body size in bytes. */
		RESPONSE_SIZE {
			@Override
			public String asString() {
				return "response.size";
			}
		},

		/** For a call, the attempts it made; for an attempt, its number. */
		ATTEMPTS {
			@Override
			public String asString() {
				return "attempts";
			}
		}

	}

	/**
	 * High-cardinality keys of a stream.
	 *
	 * @since 0.1.0
	 */
	public enum StreamHighCardinalityKeys implements KeyName {

		/** The full URI sent to, or {@code none}. */
		URL {
			@Override
			public String asString() {
				return "http.url";
			}
		},

		/** The connections made, reconnects included. */
		ATTEMPTS {
			@Override
			public String asString() {
				return "attempts";
			}
		},

		/** The elements delivered to the subscriber. */
		ELEMENTS {
			@Override
			public String asString() {
				return "elements";
			}
		},

		/** Milliseconds from subscription to the first element, or {@code none}. */
		FIRST_ELEMENT {
			@Override
			public String asString() {
				return "first.element.ms";
			}
		}

	}

	/**
	 * Low-cardinality keys of batches.
	 */
	public enum BatchLowCardinalityKeys implements KeyName {

		/** The client's name. */
		CLIENT {
			@Override
			public String asString() {
				return "client";
			}
		},

		/** {@code SUCCESS}, {@code FAILURE} (some call failed) or {@code CANCELLED}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** Whether the batch was fail-fast. */
		FAIL_FAST {
			@Override
			public String asString() {
				return "fail.fast";
			}
		}

	}

	/**
	 * High-cardinality keys of batches.
	 */
	public enum BatchHighCardinalityKeys implements KeyName {

		/** The number of requests. */
		SIZE {
			@Override
			public String asString() {
				return "batch.size";
			}
		},

		/** The number of failed requests. */
		FAILURES {
			@Override
			public String asString() {
				return "batch.failures";
			}
		}

	}

}
