package dev.connector.autoconfigure.health;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.TransportException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Failed calls for the health tests of both lines: each must fail as a transport failure,
 * which is what the client's health counts.
 */
final class FailedCalls {

	private FailedCalls() {
	}

	/**
	 * Calls the client {@code times} times, each failing with a {@link TransportException}.
	 * @param connector a client whose upstream resets or refuses connections
	 * @param times how many failed calls to make
	 */
	static void fail(Connector connector, int times) {
		for (int i = 0; i < times; i++) {
			assertThat(catchThrowableOfType(TransportException.class,
					() -> connector.blocking().request(ConnectorRequest.get("/").build())))
				.isNotNull();
		}
	}

}
