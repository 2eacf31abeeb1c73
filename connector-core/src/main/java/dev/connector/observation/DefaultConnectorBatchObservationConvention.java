package dev.connector.observation;

import dev.connector.observation.ConnectorObservationDocumentation.BatchHighCardinalityKeys;
import dev.connector.observation.ConnectorObservationDocumentation.BatchLowCardinalityKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The shipped batch convention: {@code connector.batch}, with the keys of
 * {@link ConnectorObservationDocumentation#BATCH}.
 *
 * @since 0.1.0
 */
public class DefaultConnectorBatchObservationConvention implements ConnectorBatchObservationConvention {

	/** The name of a batch's observation. */
	public static final String NAME = "connector.batch";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ConnectorBatchObservationContext context) {
		return context.getClientName() + " batch";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ConnectorBatchObservationContext context) {
		String outcome = context.isCancelled() ? "CANCELLED"
				: (context.getError() != null || context.getFailures() > 0) ? "FAILURE" : "SUCCESS";
		return KeyValues.of(KeyValue.of(BatchLowCardinalityKeys.CLIENT, context.getClientName()),
				KeyValue.of(BatchLowCardinalityKeys.OUTCOME, outcome),
				KeyValue.of(BatchLowCardinalityKeys.FAIL_FAST, String.valueOf(context.isFailFast())));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ConnectorBatchObservationContext context) {
		return KeyValues.of(KeyValue.of(BatchHighCardinalityKeys.SIZE, String.valueOf(context.getSize())),
				KeyValue.of(BatchHighCardinalityKeys.FAILURES, String.valueOf(context.getFailures())));
	}

}
