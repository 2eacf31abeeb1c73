package dev.connector.observation;

/**
 * The convention of attempts: the keys of calls, under the name
 * {@code connector.request.attempt}, so that attempt timers do not mix with call timers. A
 * custom {@link ConnectorObservationConvention} applies to calls; attempts keep this one.
 *
 * @since 0.1.0
 */
public class DefaultConnectorAttemptObservationConvention extends DefaultConnectorObservationConvention {

	/** The name of an attempt's observation. */
	public static final String NAME = "connector.request.attempt";

	@Override
	public String getName() {
		return NAME;
	}

}
