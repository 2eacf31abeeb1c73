package dev.connector.transport.sdk;

import java.time.Duration;

import dev.connector.config.ClientSettings;

/**
 * The timeouts an SDK client gets from its Connector client's settings, so that Connector's
 * deadlines are the ones that fire: the connect timeout as configured; between two reads,
 * the {@code read-timeout}, or else the longer of {@code timeout} and
 * {@code stream.idle-timeout}, which also ends an SDK call Connector gave up on; over a
 * whole exchange, {@code stream.max-duration}, or else none, since the SDK's request
 * timeout would also cut streams.
 *
 * @param connect the connect timeout
 * @param read the longest wait between two reads (and writes)
 * @param request the longest exchange, {@link Duration#ZERO} for no limit
 * @since 0.1.0
 */
public record SdkTimeouts(Duration connect, Duration read, Duration request) {

	/**
	 * Return the timeouts for an SDK client of the given Connector client.
	 * @param settings the Connector client's settings
	 * @return the timeouts
	 */
	public static SdkTimeouts of(ClientSettings settings) {
		Duration read = settings.readTimeout();
		if (read == null) {
			Duration idle = settings.stream().idleTimeout();
			read = (idle.compareTo(settings.timeout()) > 0) ? idle : settings.timeout();
		}
		Duration request = (settings.stream().maxDuration() != null) ? settings.stream().maxDuration() : Duration.ZERO;
		return new SdkTimeouts(settings.connectTimeout(), read, request);
	}

}
