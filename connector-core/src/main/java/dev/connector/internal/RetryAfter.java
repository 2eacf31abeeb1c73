package dev.connector.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header: delta-seconds or an HTTP date.
 */
final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Parse the header value.
	 * @param value the header value, may be {@code null}
	 * @param clock the clock an HTTP date is measured from
	 * @return the wait, never negative, or {@code null} when absent or unreadable
	 */
	static Duration parse(String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			try {
				return Duration.ofSeconds(Long.parseLong(trimmed));
			}
			catch (NumberFormatException ex) {
				// more digits than a long: no usable wait
				return null;
			}
		}
		try {
			ZonedDateTime date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration wait = Duration.between(clock.instant(), date.toInstant());
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
