package dev.connector.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.connector.ConfigurationException;
import dev.connector.auth.ConnectorAuthenticator;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds {@link RegistrationAuthenticator}s on Spring Security's OAuth2 client: the
 * application's {@link ReactiveOAuth2AuthorizedClientManager} when it declares one, else an
 * {@link AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager} over its client
 * registrations and authorized client service (in-memory ones when it has none), whose
 * client credentials token requests go through Spring Boot's {@link WebClient.Builder}
 * and whose clock skew is the client's {@code auth.oauth2.refresh-skew}.
 * <p>
 * The registrations are those of the reactive {@link ReactiveClientRegistrationRepository}
 * that Spring Boot configures from {@code spring.security.oauth2.client.registration.*},
 * or, in a servlet application, of its {@link ClientRegistrationRepository}.
 */
final class SpringSecurityRegistrationAuthenticators implements RegistrationAuthenticatorFactory {

	private final ObjectProvider<ReactiveOAuth2AuthorizedClientManager> managers;

	private final ObjectProvider<ReactiveClientRegistrationRepository> repositories;

	private final ObjectProvider<ClientRegistrationRepository> servletRepositories;

	private final ObjectProvider<ReactiveOAuth2AuthorizedClientService> services;

	private final Supplier<WebClient.Builder> webClientBuilders;

	SpringSecurityRegistrationAuthenticators(ObjectProvider<ReactiveOAuth2AuthorizedClientManager> managers,
			ObjectProvider<ReactiveClientRegistrationRepository> repositories,
			ObjectProvider<ClientRegistrationRepository> servletRepositories,
			ObjectProvider<ReactiveOAuth2AuthorizedClientService> services,
			Supplier<WebClient.Builder> webClientBuilders) {
		this.managers = managers;
		this.repositories = repositories;
		this.servletRepositories = servletRepositories;
		this.services = services;
		this.webClientBuilders = webClientBuilders;
	}

	@Override
	public ConnectorAuthenticator create(ClientSettings settings) {
		AuthSettings.OAuth2Settings oauth2 = settings.auth().oauth2();
		String registrationId = oauth2.registrationId();
		ReactiveClientRegistrationRepository repository = repository();
		URI tokenUri = null;
		if (repository == null || repository instanceof Iterable<?>) {
			// listable: a registration that does not exist stops start-up, naming those that do
			List<String> ids = new ArrayList<>();
			ClientRegistration registration = null;
			if (repository != null) {
				for (Object candidate : (Iterable<?>) repository) {
					if (candidate instanceof ClientRegistration clientRegistration) {
						ids.add(clientRegistration.getRegistrationId());
						registration = registrationId.equals(clientRegistration.getRegistrationId())
								? clientRegistration : registration;
					}
				}
			}
			if (registration == null) {
				throw new ConfigurationException(settings.name(), "auth.oauth2.registration-id",
						"names the Spring Security client registration '" + registrationId
								+ "', but there is no such registration (registrations: " + ids + ")",
						(ids.isEmpty() ? "Configure spring.security.oauth2.client.registration." + registrationId
								+ ".* (client-id, client-secret, authorization-grant-type: client_credentials) and "
								+ "spring.security.oauth2.client.provider.<provider>.token-uri"
								: "Set it to one of " + ids + ", or configure spring.security.oauth2.client.registration."
										+ registrationId + ".*")
								+ ".");
			}
			String registered = registration.getProviderDetails().getTokenUri();
			tokenUri = (registered != null) ? URI.create(registered) : null;
		}
		ReactiveOAuth2AuthorizedClientManager manager = this.managers.getIfAvailable();
		ReactiveOAuth2AuthorizedClientService service = this.services.getIfAvailable();
		if (manager == null) {
			if (service == null) {
				service = new InMemoryReactiveOAuth2AuthorizedClientService(repository);
			}
			manager = manager(repository, service, oauth2);
		}
		return new RegistrationAuthenticator(registrationId, "connector:" + settings.name(), tokenUri,
				oauth2.tokenTimeout(), manager, service);
	}

	private AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager(
			ReactiveClientRegistrationRepository repository, ReactiveOAuth2AuthorizedClientService service,
			AuthSettings.OAuth2Settings oauth2) {
		WebClientReactiveClientCredentialsTokenResponseClient tokenClient = new WebClientReactiveClientCredentialsTokenResponseClient();
		tokenClient.setWebClient(this.webClientBuilders.get().build());
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				repository, service);
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((grant) -> grant.accessTokenResponseClient(tokenClient).clockSkew(oauth2.refreshSkew()))
			.build());
		return manager;
	}

	/**
	 * Return the reactive registrations, or those of a servlet application as reactive ones,
	 * or {@code null} when there are none.
	 */
	private ReactiveClientRegistrationRepository repository() {
		ReactiveClientRegistrationRepository repository = this.repositories.getIfAvailable();
		if (repository != null) {
			return repository;
		}
		ClientRegistrationRepository servlet = this.servletRepositories.getIfAvailable();
		if (servlet instanceof Iterable<?> registrations) {
			List<ClientRegistration> list = new ArrayList<>();
			registrations.forEach((registration) -> list.add((ClientRegistration) registration));
			return list.isEmpty() ? null : new InMemoryReactiveClientRegistrationRepository(list);
		}
		return null;
	}

}
