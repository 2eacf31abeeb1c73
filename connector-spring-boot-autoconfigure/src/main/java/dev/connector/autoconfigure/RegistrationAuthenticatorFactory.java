package dev.connector.autoconfigure;

import dev.connector.auth.ConnectorAuthenticator;
import dev.connector.config.ClientSettings;

/**
 * Builds the authenticator of a client whose {@code auth.oauth2.registration-id} names a
 * Spring Security client registration. A bean only when spring-security-oauth2-client is
 * on the classpath; this type names none of its classes, so that code that merely looks
 * for the bean loads nothing of Spring Security.
 */
@FunctionalInterface
interface RegistrationAuthenticatorFactory {

	/**
	 * Build the authenticator of a client.
	 * @param settings the client's settings, with a registration id
	 * @return the authenticator
	 * @throws dev.connector.ConfigurationException naming {@code auth.oauth2.registration-id}
	 * when no such registration exists
	 */
	ConnectorAuthenticator create(ClientSettings settings);

}
