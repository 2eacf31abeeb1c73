package dev.connector.config;

import java.time.Duration;

import dev.connector.ConfigurationException;

/**
 * The checks the settings records run in their constructors, with the messages every
 * invalid value gets. Property names are relative to a client ({@code retry.max-attempts});
 * the Spring Boot integration turns them into the full property that was written.
 */
final class SettingsChecks {

	private SettingsChecks() {
	}

	static void positive(String clientName, String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(clientName, property, "must be a positive duration but was " + value,
					"Set it to a positive duration such as 2s or 500ms.");
		}
	}

	static void positiveWhenSet(String clientName, String property, Duration value) {
		if (value != null) {
			positive(clientName, property, value);
		}
	}

	static void notNegative(String clientName, String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw invalid(clientName, property, "must not be negative but was " + value,
					"Set it to 0 for no waiting, or a duration such as 500ms.");
		}
	}

	static void atLeast(String clientName, String property, int value, int min) {
		if (value < min) {
			throw invalid(clientName, property, "must be at least " + min + " but was " + value,
					"Set it to " + min + " or more.");
		}
	}

	static ConfigurationException invalid(String clientName, String property, String problem, String action) {
		return new ConfigurationException(clientName, property, problem, action);
	}

}
