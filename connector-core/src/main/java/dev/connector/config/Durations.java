package dev.connector.config;

import java.time.Duration;

/**
 * Durations as users write them in configuration ({@code 2s}, {@code 500ms}), for the
 * messages that name a setting.
 *
 * @since 0.1.0
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Format a duration the way it would be configured.
	 * @param duration the duration, may be {@code null}
	 * @return such as {@code 2s} or {@code 1500ms}, or {@code (unset)}
	 */
	public static String format(Duration duration) {
		if (duration == null) {
			return "(unset)";
		}
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
