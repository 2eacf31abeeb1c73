package dev.connector.transport.sdk;

import java.util.Objects;

import dev.connector.ConfigurationException;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportRequest;
import dev.connector.transport.TransportResponse;
import reactor.core.publisher.Mono;

/**
 * The {@code sdk} transport of one client: holds the vendor SDK client its
 * {@link SdkClientFactory} built, which {@code Connector#sdk(Class)} calls through. It
 * carries no {@code ConnectorRequest}s: {@link #send} fails with a
 * {@link ConfigurationException} saying to use {@code Connector#sdk(Class)}.
 *
 * @param <C> the SDK's client type
 * @since 0.1.0
 */
public final class SdkTransport<C> implements Transport {

	private final String clientName;

	private final SdkClientFactory<C> factory;

	private final C client;

	SdkTransport(String clientName, SdkClientFactory<C> factory, C client) {
		this.clientName = clientName;
		this.factory = factory;
		this.client = Objects.requireNonNull(client, () -> "The " + factory.provider() + " SDK factory built no client");
	}

	/**
	 * Return the factory that built the SDK client, which names its failures and streams.
	 * @return the factory
	 */
	public SdkClientFactory<C> factory() {
		return this.factory;
	}

	/**
	 * Return the SDK client.
	 * @return the client, shared by every call of the Connector client
	 */
	public C client() {
		return this.client;
	}

	@Override
	public Mono<TransportResponse> send(TransportRequest request) {
		return Mono.error(() -> new ConfigurationException(this.clientName, "transport",
				"client '" + this.clientName + "' wraps the " + this.factory.provider()
						+ " SDK (transport: sdk) and sends no ConnectorRequest",
				"Call it with connector.sdk(" + this.factory.clientType().getSimpleName()
						+ ".class).call(client -> ...), or give it another transport."));
	}

	@Override
	public Mono<Void> disconnect() {
		return Mono.fromRunnable(() -> this.factory.close(this.client));
	}

	@Override
	public String toString() {
		return "SdkTransport[" + this.clientName + ", provider=" + this.factory.provider() + "]";
	}

}
