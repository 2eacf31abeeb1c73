package dev.connector.autoconfigure;

import dev.connector.Connector;

/**
 * Adjusts every auto-configured client before it is built: add interceptors, change
 * settings or codecs. Beans of this type are applied in {@code @Order}, after the
 * configuration properties.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ConnectorCustomizer {

	/**
	 * Customize the builder of one client.
	 * @param clientName the client's name, as configured
	 * @param builder the client's builder, with its resolved settings already applied
	 */
	void customize(String clientName, Connector.Builder builder);

}
