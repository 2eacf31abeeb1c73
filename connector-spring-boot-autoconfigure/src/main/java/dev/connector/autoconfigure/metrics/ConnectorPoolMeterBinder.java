package dev.connector.autoconfigure.metrics;

import java.util.function.ToDoubleFunction;

import dev.connector.ConnectorRegistry;
import dev.connector.transport.ConnectionPoolView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of every client's connection pool, tagged {@code client=<name>}, read from the
 * pool's view ({@code Connector#pool()}) whenever the registry is scraped:
 * <ul>
 * <li>{@code connector.pool.active.connections}: connections lent to calls</li>
 * <li>{@code connector.pool.idle.connections}: open connections waiting for a call</li>
 * <li>{@code connector.pool.total.connections}: open connections, active and idle</li>
 * <li>{@code connector.pool.pending.connections}: calls waiting for a connection</li>
 * <li>{@code connector.pool.max.connections}: the configured {@code pool.max-connections}</li>
 * </ul>
 * Clients whose transport keeps no pool get no gauges.
 *
 * @since 0.1.0
 */
public class ConnectorPoolMeterBinder implements MeterBinder {

	private final ConnectorRegistry connectors;

	/**
	 * Create a binder for the clients of the registry.
	 * @param connectors the clients
	 */
	public ConnectorPoolMeterBinder(ConnectorRegistry connectors) {
		this.connectors = connectors;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String name : this.connectors.names()) {
			this.connectors.get(name).pool().ifPresent((pool) -> bind(registry, name, pool));
		}
	}

	private static void bind(MeterRegistry registry, String client, ConnectionPoolView pool) {
		gauge(registry, client, pool, "active.connections", "Connections lent to calls", ConnectionPoolView::active);
		gauge(registry, client, pool, "idle.connections", "Open connections waiting for a call",
				ConnectionPoolView::idle);
		gauge(registry, client, pool, "total.connections", "Open connections, active and idle",
				ConnectionPoolView::total);
		gauge(registry, client, pool, "pending.connections", "Calls waiting for a free connection",
				ConnectionPoolView::pending);
		gauge(registry, client, pool, "max.connections", "Most connections the pool opens",
				ConnectionPoolView::maxConnections);
	}

	private static void gauge(MeterRegistry registry, String client, ConnectionPoolView pool, String name,
			String description, ToDoubleFunction<ConnectionPoolView> value) {
		Gauge.builder("connector.pool." + name, pool, value)
			.description(description)
			.tag("client", client)
			.baseUnit(name.startsWith("pending") ? "calls" : "connections")
			.strongReference(true)
			.register(registry);
	}

}
