package dev.connector.observation;

import dev.connector.observation.ConnectorObservationDocumentation.StreamHighCardinalityKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The convention of streams: the low-cardinality keys of calls under the name
 * {@code connector.stream}, so that stream timers (which last as long as their streams) do
 * not mix with call timers, and as high-cardinality keys the URI, the connections made, the
 * elements delivered and the time to the first element.
 *
 * @since 0.1.0
 */
public class DefaultConnectorStreamObservationConvention extends DefaultConnectorObservationConvention {

	/** The name of a stream's observation, and of its timer. */
	public static final String NAME = "connector.stream";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ConnectorObservationContext context) {
		return KeyValues.of(KeyValue.of(StreamHighCardinalityKeys.URL,
				(context.getUri() != null) ? context.getUri().toString() : "none"),
				KeyValue.of(StreamHighCardinalityKeys.ATTEMPTS, String.valueOf(context.getAttempt())),
				KeyValue.of(StreamHighCardinalityKeys.ELEMENTS, String.valueOf(context.getElements())),
				KeyValue.of(StreamHighCardinalityKeys.FIRST_ELEMENT, (context.getTimeToFirstElement() != null)
						? String.valueOf(context.getTimeToFirstElement().toMillis()) : "none"));
	}

}
