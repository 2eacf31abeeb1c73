package dev.connector.internal;

import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, stops and scopes observations so that a failing handler never fails a call: its
 * exception is logged and the call goes on without that observation.
 */
public final class GuardedObservations {

	private static final Logger logger = LoggerFactory.getLogger(GuardedObservations.class);

	private GuardedObservations() {
	}

	/**
	 * Start an observation.
	 * @param observation the observation
	 * @return the started observation, or {@link Observation#NOOP} if a handler failed
	 */
	public static Observation start(Observation observation) {
		try {
			return observation.start();
		}
		catch (RuntimeException ex) {
			logger.warn("event=connector.observation.failed phase=start name={}", observation.getContext().getName(),
					ex);
			return Observation.NOOP;
		}
	}

	/**
	 * Stop an observation, recording an error first if there is one.
	 * @param observation the observation
	 * @param error the error, or {@code null}
	 */
	public static void stop(Observation observation, Throwable error) {
		try {
			if (error != null) {
				observation.error(error);
			}
			observation.stop();
		}
		catch (RuntimeException ex) {
			logger.warn("event=connector.observation.failed phase=stop name={}", observation.getContext().getName(),
					ex);
		}
	}

	/**
	 * Signal an event on an observation.
	 * @param observation the observation
	 * @param event the event
	 */
	public static void event(Observation observation, Observation.Event event) {
		try {
			observation.event(event);
		}
		catch (RuntimeException ex) {
			logger.warn("event=connector.observation.failed phase=event name={}", observation.getContext().getName(),
					ex);
		}
	}

	/**
	 * Open a scope of an observation.
	 * @param observation the observation
	 * @return the scope, or {@link Observation.Scope#NOOP} if a handler failed
	 */
	public static Observation.Scope openScope(Observation observation) {
		try {
			return observation.openScope();
		}
		catch (RuntimeException ex) {
			logger.warn("event=connector.observation.failed phase=scope name={}", observation.getContext().getName(),
					ex);
			return Observation.Scope.NOOP;
		}
	}

}
