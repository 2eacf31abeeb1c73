package dev.connector.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link RetryAfter} reads a {@code Retry-After} header.
 */
class RetryAfterTest {

	private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	@ParameterizedTest(name = "''{0}'' -> {1}s")
	@CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false,
			value = { "7|7", "0|0", "120|120", " 7 |7", "\t30\t|30" })
	void deltaSecondsIsTheWait(String value, long seconds) {
		assertThat(RetryAfter.parse(value, CLOCK)).isEqualTo(Duration.ofSeconds(seconds));
	}

	@Test
	void httpDateInTheFutureIsTheTimeUntilIt() {
		assertThat(RetryAfter.parse(httpDate(NOW.plusSeconds(90)), CLOCK)).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void httpDateWithSurroundingWhitespaceIsRead() {
		assertThat(RetryAfter.parse("  " + httpDate(NOW.plusSeconds(90)) + " ", CLOCK))
			.isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void httpDateInThePastIsNoWait() {
		assertThat(RetryAfter.parse(httpDate(NOW.minusSeconds(90)), CLOCK)).isEqualTo(Duration.ZERO);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t" })
	void blankValueReadsAsAbsent(String value) {
		assertThat(RetryAfter.parse(value, CLOCK)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "soon", "-5", "+5", "1.5", "7s", "Mon, 32 Nov 2026 08:00:00 GMT",
			"2026-11-23T08:01:30Z" })
	void unreadableValueReadsAsAbsent(String value) {
		assertThat(RetryAfter.parse(value, CLOCK)).isNull();
	}

	@Test
	void moreDigitsThanALongHoldsReadsAsAbsent() {
		assertThat(RetryAfter.parse("92233720368547758070", CLOCK)).isNull();
	}

	private static String httpDate(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
	}

}
