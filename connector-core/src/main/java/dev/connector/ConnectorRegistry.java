package dev.connector;

import java.util.Set;

/**
 * Looks up the application's {@link Connector clients} by name. In a Spring Boot
 * application it holds one entry per {@code connector.clients.<name>}.
 *
 * @since 0.1.0
 */
public interface ConnectorRegistry {

	/**
	 * Return the client of the given name.
	 * @param name the client name, as configured
	 * @return the client
	 * @throws ConfigurationException if no client has that name
	 */
	Connector get(String name);

	/**
	 * Return the names of every client.
	 * @return read-only names, in configuration order
	 */
	Set<String> names();

}
