package dev.connector;

/**
 * A client's configuration is invalid. Names the property at fault, what is wrong with it
 * and what to do; raised when the client is built, so a bad configuration stops the
 * application at start-up rather than at the first call.
 *
 * @since 0.1.0
 */
public class ConfigurationException extends ConnectorException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String problem;

	private final String action;

	/**
	 * Create a new instance.
	 * @param clientName the client whose configuration is invalid, or {@code null} when the
	 * problem is not specific to one client
	 * @param property the property at fault, such as {@code connector.clients.payments.timeout}
	 * @param problem what is wrong with it
	 * @param action what to do about it
	 */
	public ConfigurationException(String clientName, String property, String problem, String action) {
		super("Invalid " + property + ": " + problem + ". " + action, clientName, FailureKind.CONFIGURATION);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * Return the property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return what the user should do to fix the configuration.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	/**
	 * Return what is wrong, without the action.
	 * @return the problem description
	 */
	public String getProblem() {
		return this.problem;
	}

}
