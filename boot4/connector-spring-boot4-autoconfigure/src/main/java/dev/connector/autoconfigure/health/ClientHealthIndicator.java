package dev.connector.autoconfigure.health;

import dev.connector.Connector;
import dev.connector.resilience.ResilienceRegistries;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of one client, {@code connectors/<name>}, as Spring Boot 4's health API
 * reports it; what it says is {@link ClientHealthReport}'s, shared with the Boot 3 line.
 * <p>
 * An optional client ({@code health.required: false}) that is down reports
 * {@link #OPTIONAL_DOWN} instead of DOWN: a status Spring Boot's default aggregation
 * ignores (it is not in {@code management.endpoint.health.status.order}) and maps to HTTP
 * 200, so it never takes {@code connectors}, a group or the application DOWN.
 */
final class ClientHealthIndicator implements ReactiveHealthIndicator {

	/** The status of an optional client that is down. */
	static final Status OPTIONAL_DOWN = new Status(ClientHealthReport.OPTIONAL_DOWN,
			ClientHealthReport.OPTIONAL_DOWN_DESCRIPTION);

	private final ClientHealthReport.Check check;

	ClientHealthIndicator(Connector connector, ResilienceRegistries resilience) {
		this.check = new ClientHealthReport.Check(connector, resilience);
	}

	@Override
	public Mono<Health> health() {
		return this.check.report().map(ClientHealthIndicator::health);
	}

	private static Health health(ClientHealthReport report) {
		Status status = ClientHealthReport.OPTIONAL_DOWN.equals(report.status()) ? OPTIONAL_DOWN
				: new Status(report.status());
		return Health.status(status).withDetails(report.details()).build();
	}

}
