package dev.connector;

import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, stops and scopes observations so that a failing handler never fails a call: its
 * exception is logged and the call goes on without that observation.
 */
final class CallObservations {

	private static final Logger logger = LoggerFactory.getLogger(CallObservations.class);

	private CallObservations() {
	}

	static Observation start(Observation observation) {
		try {
			return observation.start();
		}
		catch (RuntimeException ex) {
			logger.warn("event=connector.observation.failed phase=start name={}", observation.getContext().getName(),
					ex);
			return Observation.NOOP;
		}
	}

	static void stop(Observation observation, Throwable error) {
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

	static Observation.Scope openScope(Observation observation) {
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
