package dev.connector.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading {@code Retry-After}: delta-seconds or an HTTP date, never a negative wait, and
 * nothing from what cannot be read.
 */
class RetryAfterTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void readsDeltaSeconds() {
		assertThat(RetryAfter.parse("120", CLOCK)).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void trimsWhitespace() {
		assertThat(RetryAfter.parse("  7 ", CLOCK)).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void readsAnHttpDateFromTheClock() {
		assertThat(RetryAfter.parse("Mon, 23 Nov 2026 10:01:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void aDateInThePastMeansNoWait() {
		assertThat(RetryAfter.parse("Mon, 23 Nov 2026 09:00:00 GMT", CLOCK)).isZero();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "  ", "soon", "-5", "1.5", "99999999999999999999999" })
	void unreadableValuesGiveNoWait(String value) {
		assertThat(RetryAfter.parse(value, CLOCK)).isNull();
	}

}
