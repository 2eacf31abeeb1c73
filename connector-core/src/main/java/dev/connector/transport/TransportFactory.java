package dev.connector.transport;

import dev.connector.config.ClientSettings;

/**
 * Creates {@link Transport transports} of one type, such as {@code http}. In a Spring Boot
 * application every {@code TransportFactory} bean is registered by its {@link #type()}, so a
 * client configured with {@code transport: <type>} uses it with no other wiring.
 *
 * @since 0.1.0
 */
public interface TransportFactory {

	/**
	 * Return the type name clients select this factory by.
	 * @return a short name such as {@code http}
	 */
	String type();

	/**
	 * Create a transport for one client. Called once per client, at start-up; the
	 * transport must not open connections yet (see {@link Transport#connect()}).
	 * @param settings the client's resolved settings
	 * @return a new transport
	 * @throws dev.connector.ConfigurationException if the settings do not suit this type
	 */
	Transport create(ClientSettings settings);

}
