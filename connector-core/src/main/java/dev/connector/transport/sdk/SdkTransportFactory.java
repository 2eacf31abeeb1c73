package dev.connector.transport.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;

/**
 * The {@code sdk} transport type: a client configured with {@code transport: sdk} wraps the
 * vendor SDK client that the {@link SdkClientFactory} of its {@code sdk.provider} builds.
 * Calls go through {@code Connector#sdk(Class)}.
 *
 * @since 0.1.0
 */
public final class SdkTransportFactory implements TransportFactory {

	/** The type name clients select this transport by. */
	public static final String TYPE = "sdk";

	/** The Maven coordinates of the SDKs Connector ships factories for, by provider. */
	private static final Map<String, String> SHIPPED = Map.of("openai", "com.openai:openai-java", "anthropic",
			"com.anthropic:anthropic-java");

	private final Map<String, SdkClientFactory<?>> factories;

	/**
	 * Create the transport type with the given SDK factories. When two have the same
	 * provider, the first one given wins, so that an application's own factory, ordered
	 * first, replaces a shipped one.
	 * @param factories the factories, in order of precedence
	 */
	public SdkTransportFactory(List<? extends SdkClientFactory<?>> factories) {
		Map<String, SdkClientFactory<?>> byProvider = new LinkedHashMap<>();
		for (SdkClientFactory<?> factory : factories) {
			byProvider.putIfAbsent(factory.provider(), factory);
		}
		this.factories = Collections.unmodifiableMap(byProvider);
	}

	@Override
	public String type() {
		return TYPE;
	}

	/**
	 * Build the SDK client of the settings' {@code sdk.provider}.
	 * @throws ConfigurationException if no factory has that provider (naming the Maven
	 * coordinates of a shipped SDK that is missing from the classpath), or if none is named
	 * and there is not exactly one factory
	 */
	@Override
	public Transport create(ClientSettings settings) {
		return create(settings, factory(settings));
	}

	private static <C> Transport create(ClientSettings settings, SdkClientFactory<C> factory) {
		return new SdkTransport<>(settings.name(), factory, factory.create(settings));
	}

	private SdkClientFactory<?> factory(ClientSettings settings) {
		String provider = settings.sdk().provider();
		if (provider == null) {
			if (this.factories.size() == 1) {
				return this.factories.values().iterator().next();
			}
			throw new ConfigurationException(settings.name(), "sdk.provider",
					"an sdk client needs to say which SDK it wraps (known: " + this.factories.keySet() + ")",
					"Set sdk.provider to one of openai, anthropic or the provider() of your SdkClientFactory bean.");
		}
		SdkClientFactory<?> factory = this.factories.get(provider);
		if (factory != null) {
			return factory;
		}
		String coordinates = SHIPPED.get(provider);
		if (coordinates != null) {
			throw new ConfigurationException(settings.name(), "sdk.provider",
					"'" + provider + "' needs the SDK " + coordinates + ", which is not on the classpath",
					"Add the dependency " + coordinates + " to the application, or choose another sdk.provider.");
		}
		throw new ConfigurationException(settings.name(), "sdk.provider",
				"no SdkClientFactory has the provider '" + provider + "' (known: " + this.factories.keySet() + ")",
				"Use one of " + this.factories.keySet() + ", or register an SdkClientFactory bean whose provider() is '"
						+ provider + "'.");
	}

}
