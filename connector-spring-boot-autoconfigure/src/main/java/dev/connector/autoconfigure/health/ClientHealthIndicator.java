package dev.connector.autoconfigure.health;

import java.time.Duration;
import java.util.Map;

import dev.connector.ClientHealth;
import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.config.ClientSettings;
import dev.connector.config.ClientSettings.HealthSettings;
import dev.connector.resilience.ResilienceRegistries;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The health of one client, {@code connectors/<name>}: its status, transport, base URL,
 * circuit-breaker state, consecutive failures, last failure and last success.
 * <p>
 * A client is DOWN after {@code health.failure-threshold} consecutive failed calls and UP
 * again on the next call that reaches the upstream; UNKNOWN before its first call. With
 * {@code health.probe.path}, a GET to that path also decides, at most once per
 * {@code health.probe.interval}, and never for longer than {@code health.probe.timeout}.
 * <p>
 * An optional client ({@code health.required: false}) that is down reports
 * {@link #OPTIONAL_DOWN} instead of DOWN: a status Spring Boot's default aggregation
 * ignores (it is not in {@code management.endpoint.health.status.order}) and maps to HTTP
 * 200, so it never takes {@code connectors}, a group or the application DOWN.
 */
final class ClientHealthIndicator implements ReactiveHealthIndicator {

	/** The status of an optional client that is down. */
	static final Status OPTIONAL_DOWN = new Status("OPTIONAL_DOWN",
			"Down, but optional (health.required: false): not counted in the aggregate");

	private final Connector connector;

	private final ResilienceRegistries resilience;

	/** The active probe, shared by concurrent checks and kept for the probe interval. */
	private final Mono<Health> probe;

	ClientHealthIndicator(Connector connector, ResilienceRegistries resilience) {
		this.connector = connector;
		this.resilience = resilience;
		HealthSettings settings = connector.settings().health();
		this.probe = (settings.probePath() != null) ? probe(connector, settings) : null;
	}

	@Override
	public Mono<Health> health() {
		boolean required = this.connector.settings().health().required();
		return clientHealth(this.connector).map((health) -> (!required && Status.DOWN.equals(health.getStatus()))
				? Health.status(OPTIONAL_DOWN).withDetails(health.getDetails()).build() : health);
	}

	private Mono<Health> clientHealth(Connector connector) {
		ClientSettings settings = connector.settings();
		HealthSettings healthSettings = settings.health();
		ClientHealth seen = connector.health();
		boolean passiveDown = seen.consecutiveFailures() >= healthSettings.failureThreshold();
		Health.Builder builder = (passiveDown) ? Health.down() : seen.isUsed() ? Health.up() : Health.unknown();
		builder.withDetail("transport", settings.transport());
		if (settings.baseUrl() != null) {
			builder.withDetail("baseUrl", settings.baseUrl().toString());
		}
		builder.withDetail("required", healthSettings.required());
		builder.withDetail("consecutiveFailures", seen.consecutiveFailures());
		if (seen.lastSuccess() != null) {
			builder.withDetail("lastSuccess", seen.lastSuccess().toString());
		}
		if (seen.lastFailure() != null) {
			ClientHealth.Failure failure = seen.lastFailure();
			builder.withDetail("lastFailure", Map.of("time", failure.time().toString(), "type", failure.type(),
					"message", String.valueOf(failure.message())));
		}
		if (settings.circuitBreaker().enabled()) {
			this.resilience.circuitBreakers()
				.find(settings.name())
				.ifPresent((breaker) -> builder.withDetail("circuitBreaker", breaker.getState().name()));
		}
		if (healthSettings.probePath() == null) {
			return Mono.just(builder.build());
		}
		return this.probe.map((probe) -> {
			builder.withDetail("probe", probe.getDetails());
			if (Status.DOWN.equals(probe.getStatus())) {
				builder.down();
			}
			else if (!passiveDown) {
				builder.up();
			}
			return builder.build();
		});
	}

	/**
	 * Probe the client, sharing one probe between concurrent health checks and reusing its
	 * result for the probe interval.
	 */
	private static Mono<Health> probe(Connector connector, HealthSettings settings) {
		Duration timeout = settings.probeTimeout();
		ConnectorRequest request = ConnectorRequest.get(settings.probePath()).retry(false).timeout(timeout).build();
		Map<String, Object> probe = Map.of("path", settings.probePath());
		return connector.probe(request)
			.map((response) -> Health.up().withDetails(probe).withDetail("status", response.status()).build())
			.onErrorResume(ConnectorException.class, (error) -> Mono.just(Health.down()
				.withDetails(probe)
				.withDetail("error", error.getClass().getSimpleName() + ": " + error.getMessage())
				.build()))
			// the connector's own deadline ends the probe; this bounds the health check regardless
			.timeout(timeout.plusMillis(100), Mono.fromSupplier(() -> Health.down()
				.withDetails(probe)
				.withDetail("error", "no answer within " + timeout)
				.build()))
			.cache((health) -> settings.probeInterval(), (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

}
