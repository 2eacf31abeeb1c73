package dev.connector.autoconfigure.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.connector.ClientHealth;
import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRegistry;
import dev.connector.ConnectorRequest;
import dev.connector.config.ClientSettings;
import dev.connector.config.ClientSettings.HealthSettings;
import dev.connector.resilience.ResilienceRegistries;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code connectors} health contributor: one entry per client in its details, each
 * with its own status, transport, base URL, circuit-breaker state, consecutive failures,
 * last failure and last success.
 * <p>
 * A client is DOWN after {@code health.failure-threshold} consecutive failed calls and UP
 * again on the next call that reaches the upstream; UNKNOWN before its first call. With
 * {@code health.probe.path}, a GET to that path also decides, at most once per
 * {@code health.probe.interval}, and never for longer than {@code health.probe.timeout}.
 * <p>
 * The contributor's own status is DOWN only when a {@code health.required} client is DOWN:
 * an optional client reports DOWN in its entry while the aggregate stays UP. Include
 * {@code connectors} in a health group (such as readiness) to let required clients gate it.
 */
class ConnectorsHealthIndicator implements ReactiveHealthIndicator {

	private final ConnectorRegistry connectors;

	private final ResilienceRegistries resilience;

	private final Map<String, Mono<Health>> probes = new ConcurrentHashMap<>();

	ConnectorsHealthIndicator(ConnectorRegistry connectors, ResilienceRegistries resilience) {
		this.connectors = connectors;
		this.resilience = resilience;
	}

	@Override
	public Mono<Health> health() {
		return Flux.fromIterable(this.connectors.names())
			.flatMapSequential((name) -> clientHealth(this.connectors.get(name)).map((health) -> Map.entry(name, health)))
			.collectList()
			.map((entries) -> {
				boolean requiredDown = false;
				Map<String, Object> details = new LinkedHashMap<>();
				for (Map.Entry<String, Health> entry : entries) {
					details.put(entry.getKey(), entry.getValue());
					boolean required = this.connectors.get(entry.getKey()).settings().health().required();
					requiredDown |= required && Status.DOWN.equals(entry.getValue().getStatus());
				}
				return Health.status(requiredDown ? Status.DOWN : Status.UP).withDetails(details).build();
			});
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
		return probe(connector, healthSettings).map((probe) -> {
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
	private Mono<Health> probe(Connector connector, HealthSettings settings) {
		return this.probes.computeIfAbsent(connector.name(), (name) -> {
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
		});
	}

}
