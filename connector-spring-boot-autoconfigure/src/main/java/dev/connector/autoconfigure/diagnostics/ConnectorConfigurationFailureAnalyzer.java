package dev.connector.autoconfigure.diagnostics;

import dev.connector.ConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an invalid {@code connector.*} configuration: which property, what is wrong with
 * it, and what to do.
 *
 * @since 0.1.0
 */
public class ConnectorConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
		StringBuilder description = new StringBuilder();
		description.append((cause.getClientName() != null)
				? "Connector client '" + cause.getClientName() + "' is not configured correctly:"
				: "Connector is not configured correctly:");
		description.append(String.format("%n%n    Property: %s%n    Problem:  %s%n", cause.getProperty(),
				cause.getProblem()));
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

}
