package dev.connector.config;

import java.util.Objects;

import static dev.connector.config.SettingsChecks.invalid;

/**
 * The proxy a client connects through ({@code proxy.*}); with no host, none.
 *
 * @param type the proxy protocol
 * @param host the proxy's host, or {@code null} for no proxy
 * @param port the proxy's port, required with a host
 * @param nonProxyHosts a regular expression of the hosts reached directly, or {@code null}
 * @param username the user name to authenticate to the proxy with, or {@code null}
 * @param password the password to authenticate to the proxy with, or {@code null}
 * @since 0.1.0
 */
public record ProxySettings(Type type, String host, Integer port, String nonProxyHosts, String username,
		Secret password) {

	/** No proxy. */
	public static final ProxySettings DEFAULTS = new ProxySettings(Type.HTTP, null, null, null, null, null);

	/**
	 * Create proxy settings, checking the port of a proxy that has a host.
	 * @throws dev.connector.ConfigurationException if the port is out of range
	 */
	public ProxySettings {
		Objects.requireNonNull(type, "type must not be null");
		if (host != null && (port == null || port < 1 || port > 65535)) {
			throw invalid(null, "proxy.port", "must be a port between 1 and 65535 but was " + port,
					"Set proxy.port to the proxy's port, such as 3128.");
		}
	}

	/**
	 * Return whether a proxy is configured.
	 * @return {@code true} when there is a host
	 */
	public boolean enabled() {
		return this.host != null;
	}

	/**
	 * The proxy protocols.
	 *
	 * @since 0.1.0
	 */
	public enum Type {

		/** An HTTP proxy; {@code CONNECT} for https. */
		HTTP,

		/** A SOCKS 4 proxy. */
		SOCKS4,

		/** A SOCKS 5 proxy. */
		SOCKS5

	}

}
