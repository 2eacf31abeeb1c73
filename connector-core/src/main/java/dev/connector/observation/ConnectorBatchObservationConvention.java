package dev.connector.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a batch. Declare a bean of this type to replace
 * {@link DefaultConnectorBatchObservationConvention}.
 *
 * @since 0.1.0
 */
public interface ConnectorBatchObservationConvention extends ObservationConvention<ConnectorBatchObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ConnectorBatchObservationContext;
	}

}
