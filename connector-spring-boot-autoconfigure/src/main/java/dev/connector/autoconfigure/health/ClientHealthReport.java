package dev.connector.autoconfigure.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.connector.ClientHealth;
import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.config.ClientSettings;
import dev.connector.config.ClientSettings.HealthSettings;
import dev.connector.resilience.ResilienceRegistries;
import reactor.core.publisher.Mono;

/**
 * The health of one client, {@code connectors/<name>}, as a status code and details, free
 * of Spring Boot's health types so that both Boot lines share it (each line's
 * {@code ClientHealthIndicator} turns it into that line's {@code Health}).
 * <p>
 * A client is DOWN after {@code health.failure-threshold} consecutive failed calls and UP
 * again on the next call that reaches the upstream; UNKNOWN before its first call. With
 * {@code health.probe.path}, a GET to that path also decides, at most once per
 * {@code health.probe.interval}, and never for longer than {@code health.probe.timeout}. An
 * optional client ({@code health.required: false}) that is down reports
 * {@link #OPTIONAL_DOWN} instead of DOWN.
 *
 * @param status the status code: {@code UP}, {@code DOWN}, {@code UNKNOWN} or
 * {@link #OPTIONAL_DOWN}
 * @param details the details: transport, base URL, circuit-breaker state, consecutive
 * failures, last failure and last success, and the probe's
 */
record ClientHealthReport(String status, Map<String, Object> details) {

	static final String UP = "UP";

	static final String DOWN = "DOWN";

	static final String UNKNOWN = "UNKNOWN";

	/** The status code of an optional client that is down. */
	static final String OPTIONAL_DOWN = "OPTIONAL_DOWN";

	/** The description of {@link #OPTIONAL_DOWN}. */
	static final String OPTIONAL_DOWN_DESCRIPTION = "Down, but optional (health.required: false): not counted in the aggregate";

	/**
	 * Checks one client; one per client, so that concurrent checks share its probe.
	 */
	static final class Check {

		private final Connector connector;

		private final ResilienceRegistries resilience;

		/** The active probe, shared by concurrent checks and kept for the probe interval. */
		private final Mono<ClientHealthReport> probe;

		Check(Connector connector, ResilienceRegistries resilience) {
			this.connector = connector;
			this.resilience = resilience;
			HealthSettings settings = connector.settings().health();
			this.probe = (settings.probePath() != null) ? probe(connector, settings) : null;
		}

		Mono<ClientHealthReport> report() {
			boolean required = this.connector.settings().health().required();
			return clientHealth().map((health) -> (!required && DOWN.equals(health.status()))
					? new ClientHealthReport(OPTIONAL_DOWN, health.details()) : health);
		}

		private Mono<ClientHealthReport> clientHealth() {
			ClientSettings settings = this.connector.settings();
			HealthSettings healthSettings = settings.health();
			ClientHealth seen = this.connector.health();
			boolean passiveDown = seen.consecutiveFailures() >= healthSettings.failureThreshold();
			String status = (passiveDown) ? DOWN : seen.isUsed() ? UP : UNKNOWN;
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("transport", settings.transport());
			if (settings.baseUrl() != null) {
				details.put("baseUrl", settings.baseUrl().toString());
			}
			details.put("required", healthSettings.required());
			details.put("consecutiveFailures", seen.consecutiveFailures());
			if (seen.lastSuccess() != null) {
				details.put("lastSuccess", seen.lastSuccess().toString());
			}
			if (seen.lastFailure() != null) {
				ClientHealth.Failure failure = seen.lastFailure();
				details.put("lastFailure", Map.of("time", failure.time().toString(), "type", failure.type(), "message",
						String.valueOf(failure.message())));
			}
			if (settings.circuitBreaker().enabled()) {
				this.resilience.circuitBreakers()
					.find(settings.name())
					.ifPresent((breaker) -> details.put("circuitBreaker", breaker.getState().name()));
			}
			if (healthSettings.probePath() == null) {
				return Mono.just(new ClientHealthReport(status, details));
			}
			return this.probe.map((probe) -> {
				details.put("probe", probe.details());
				String probed = DOWN.equals(probe.status()) ? DOWN : (!passiveDown) ? UP : status;
				return new ClientHealthReport(probed, details);
			});
		}

		/**
		 * Probe the client, sharing one probe between concurrent health checks and reusing
		 * its result for the probe interval.
		 */
		private static Mono<ClientHealthReport> probe(Connector connector, HealthSettings settings) {
			Duration timeout = settings.probeTimeout();
			ConnectorRequest request = ConnectorRequest.get(settings.probePath())
				.retry(false)
				.timeout(timeout)
				.build();
			String path = settings.probePath();
			return connector.probe(request)
				.map((response) -> probed(UP, path, "status", response.status()))
				.onErrorResume(ConnectorException.class, (error) -> Mono
					.just(probed(DOWN, path, "error", error.getClass().getSimpleName() + ": " + error.getMessage())))
				// the connector's own deadline ends the probe; this bounds the health check regardless
				.timeout(timeout.plusMillis(100),
						Mono.fromSupplier(() -> probed(DOWN, path, "error", "no answer within " + timeout)))
				.cache((health) -> settings.probeInterval(), (error) -> Duration.ZERO, () -> Duration.ZERO);
		}

		private static ClientHealthReport probed(String status, String path, String key, Object value) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("path", path);
			details.put(key, value);
			return new ClientHealthReport(status, details);
		}

	}

}
