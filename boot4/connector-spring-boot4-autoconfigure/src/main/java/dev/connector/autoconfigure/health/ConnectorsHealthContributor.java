package dev.connector.autoconfigure.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.connector.ConnectorRegistry;
import dev.connector.resilience.ResilienceRegistries;

import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;

/**
 * The {@code connectors} health contributor: a composite of one {@link ClientHealthIndicator}
 * per client, so that {@code /actuator/health/connectors/<name>} answers for one client and a
 * client can be placed in a health group on its own
 * ({@code management.endpoint.health.group.readiness.include=connectors/payments}).
 * <p>
 * Spring Boot aggregates the clients with the group's {@code StatusAggregator}: a required
 * client that is DOWN takes {@code connectors} DOWN; an optional one reports
 * {@link ClientHealthIndicator#OPTIONAL_DOWN}, which the default aggregation leaves out.
 */
class ConnectorsHealthContributor implements CompositeReactiveHealthContributor {

	private final ConnectorRegistry connectors;

	private final ResilienceRegistries resilience;

	private final Map<String, ClientHealthIndicator> clients = new ConcurrentHashMap<>();

	ConnectorsHealthContributor(ConnectorRegistry connectors, ResilienceRegistries resilience) {
		this.connectors = connectors;
		this.resilience = resilience;
	}

	@Override
	public ReactiveHealthContributor getContributor(String name) {
		if (!this.connectors.names().contains(name)) {
			return null;
		}
		return this.clients.computeIfAbsent(name,
				(client) -> new ClientHealthIndicator(this.connectors.get(client), this.resilience));
	}

	@Override
	public Stream<Entry> stream() {
		return this.connectors.names().stream().map((name) -> new Entry(name, getContributor(name)));
	}

}
