package dev.connector.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import dev.connector.ConfigurationException;
import dev.connector.auth.Authenticators;
import dev.connector.auth.ConnectorAuthenticator;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the authenticator of each client for the types that need more than the settings:
 * {@code oauth2-client-credentials} (the built-in token client, its token requests sent
 * through a {@code WebClient} of Spring Boot's {@link WebClient.Builder}, or a Spring
 * Security client registration) and {@code custom} (an application
 * {@link ConnectorAuthenticator} bean). The other types are left to the core, which builds
 * them from the settings. Problems are {@link ConfigurationException}s naming the property
 * relative to the client ({@code auth.authenticator}), which the factory prefixes.
 */
final class ConnectorAuthenticators {

	private final ListableBeanFactory beanFactory;

	private final Supplier<WebClient.Builder> webClientBuilders;

	private final RegistrationAuthenticatorFactory registrations;

	/**
	 * @param beanFactory where {@code custom} authenticators are looked up
	 * @param webClientBuilders a new builder on each call
	 * @param registrations the Spring Security integration, or {@code null} without
	 * spring-security-oauth2-client
	 */
	ConnectorAuthenticators(ListableBeanFactory beanFactory, Supplier<WebClient.Builder> webClientBuilders,
			RegistrationAuthenticatorFactory registrations) {
		this.beanFactory = beanFactory;
		this.webClientBuilders = webClientBuilders;
		this.registrations = registrations;
	}

	/**
	 * Return the authenticator of a client.
	 * @param settings the client's settings
	 * @return the authenticator, or {@code null} to let the core build it from the settings
	 * @throws ConfigurationException if it cannot be built as configured
	 */
	ConnectorAuthenticator create(ClientSettings settings) {
		AuthSettings auth = settings.auth();
		return switch (auth.type()) {
			case OAUTH2_CLIENT_CREDENTIALS -> (auth.oauth2().registrationId() != null) ? registration(settings)
					: Authenticators.clientCredentials(auth.oauth2(), this.webClientBuilders.get().build());
			case CUSTOM -> custom(settings.name(), auth.authenticator());
			default -> null;
		};
	}

	private ConnectorAuthenticator registration(ClientSettings settings) {
		if (this.registrations == null) {
			throw new ConfigurationException(settings.name(), "auth.oauth2.registration-id",
					"names the Spring Security client registration '" + settings.auth().oauth2().registrationId()
							+ "', but spring-security-oauth2-client is not on the classpath",
					"Add org.springframework.security:spring-security-oauth2-client to the application, or use the "
							+ "built-in token client: remove auth.oauth2.registration-id and set auth.oauth2.token-uri, "
							+ "client-id and client-secret.");
		}
		return this.registrations.create(settings);
	}

	private ConnectorAuthenticator custom(String client, String beanName) {
		List<String> candidates = Arrays.asList(this.beanFactory.getBeanNamesForType(ConnectorAuthenticator.class));
		if (beanName != null) {
			if (!candidates.contains(beanName)) {
				throw new ConfigurationException(client, "auth.authenticator",
						"names the bean '" + beanName + "', but there is no ConnectorAuthenticator bean of that name "
								+ "(ConnectorAuthenticator beans: " + candidates + ")",
						candidates.isEmpty() ? "Declare a ConnectorAuthenticator bean named '" + beanName + "'."
								: "Set it to one of " + candidates + ", or declare a ConnectorAuthenticator bean named '"
										+ beanName + "'.");
			}
			return this.beanFactory.getBean(beanName, ConnectorAuthenticator.class);
		}
		ConnectorAuthenticator only = this.beanFactory.getBeanProvider(ConnectorAuthenticator.class).getIfUnique();
		if (only != null) {
			return only;
		}
		if (candidates.isEmpty()) {
			throw new ConfigurationException(client, "auth.authenticator",
					"auth.type is custom, but the application has no ConnectorAuthenticator bean",
					"Declare a ConnectorAuthenticator bean, or choose another auth.type.");
		}
		throw new ConfigurationException(client, "auth.authenticator",
				"auth.type is custom and it is not set, but there are " + candidates.size()
						+ " ConnectorAuthenticator beans " + candidates + " and none is primary",
				"Set it to the name of one of " + candidates + ".");
	}

}
