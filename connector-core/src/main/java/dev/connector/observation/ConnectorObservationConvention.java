package dev.connector.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of calls. Declare a bean of this type (or pass one to
 * {@code Connector.Builder#observationConvention}) to replace
 * {@link DefaultConnectorObservationConvention}; extend the default to keep its keys.
 * Attempts keep {@link DefaultConnectorAttemptObservationConvention}.
 *
 * @since 0.1.0
 */
public interface ConnectorObservationConvention extends ObservationConvention<ConnectorObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ConnectorObservationContext;
	}

}
