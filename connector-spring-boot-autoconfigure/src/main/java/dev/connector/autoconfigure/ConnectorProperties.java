package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of every Connector client, bound from {@code connector.*}. Each client's
 * effective settings are its own values, then {@code connector.defaults}, then the built-in
 * defaults, key by key; maps such as {@code headers} merge by key, and lists such as
 * {@code retry.retry-on-status} are replaced whole.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("connector")
public class ConnectorProperties {

	/**
	 * Name of the client that backs the unqualified Connector bean. Optional when only one
	 * client is configured.
	 */
	private String defaultClient;

	/**
	 * Settings every client inherits unless it sets its own.
	 */
	@NestedConfigurationProperty
	private final ClientProperties defaults = new ClientProperties();

	/**
	 * Clients by name; each becomes a Connector bean of that name.
	 */
	private final Map<String, ClientProperties> clients = new LinkedHashMap<>();

	/**
	 * Observation settings of all clients.
	 */
	private final Observation observation = new Observation();

	/**
	 * Shutdown settings of all clients.
	 */
	private final Shutdown shutdown = new Shutdown();

	public String getDefaultClient() {
		return this.defaultClient;
	}

	public void setDefaultClient(String defaultClient) {
		this.defaultClient = defaultClient;
	}

	public ClientProperties getDefaults() {
		return this.defaults;
	}

	public Map<String, ClientProperties> getClients() {
		return this.clients;
	}

	public Observation getObservation() {
		return this.observation;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	/**
	 * Shutdown settings of all clients.
	 */
	public static class Shutdown {

		/**
		 * How long calls in flight may take to finish when the application context closes;
		 * after it, the calls still in flight fail with a ConnectorException saying the
		 * client is shutting down. New calls are refused from the start of the shutdown.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Observation settings of all clients.
	 */
	public static class Observation {

		/**
		 * Whether calls, attempts and batches are observed (metrics, traces) through the
		 * application's ObservationRegistry. A client may turn its own off with
		 * observation.enabled.
		 */
		private boolean enabled = true;

		/**
		 * Ignored: Reactor's automatic context propagation, which keeps trace ids in the log
		 * MDC across thread hops, is Spring Boot's spring.reactor.context-propagation=auto.
		 */
		private boolean contextPropagation = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Return whether context propagation was asked for; ignored since Spring Boot's
		 * {@code spring.reactor.context-propagation=auto} owns that JVM-wide hook.
		 * @return the bound value
		 * @deprecated since 0.1.0 in favour of {@code spring.reactor.context-propagation}
		 */
		@Deprecated(since = "0.1.0")
		@DeprecatedConfigurationProperty(replacement = "spring.reactor.context-propagation",
				reason = "Reactor's automatic context propagation is JVM-wide and slows every reactive chain; "
						+ "Spring Boot's spring.reactor.context-propagation=auto turns it on when the application asks for it.",
				since = "0.1.0")
		public boolean isContextPropagation() {
			return this.contextPropagation;
		}

		@Deprecated(since = "0.1.0")
		public void setContextPropagation(boolean contextPropagation) {
			this.contextPropagation = contextPropagation;
		}

	}

}
