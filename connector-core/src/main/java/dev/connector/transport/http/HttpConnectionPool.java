package dev.connector.transport.http;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import dev.connector.transport.ConnectionPoolView;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * The view of one client's Reactor Netty connection provider. Reactor Netty keeps one pool
 * per remote address and hands each pool's {@link ConnectionPoolMetrics} to the provider's
 * {@link ConnectionProvider.MeterRegistrar}; this registrar keeps them (no meter registry,
 * no global state) and sums them on each read.
 */
final class HttpConnectionPool implements ConnectionPoolView, ConnectionProvider.MeterRegistrar {

	private final String name;

	private final int maxConnections;

	private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	HttpConnectionPool(String name, int maxConnections) {
		this.name = name;
		this.maxConnections = maxConnections;
	}

	@Override
	public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
			ConnectionPoolMetrics metrics) {
		this.pools.put(key(id, remoteAddress), metrics);
	}

	@Override
	public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
		this.pools.remove(key(id, remoteAddress));
	}

	private static String key(String id, SocketAddress remoteAddress) {
		return id + "|" + remoteAddress;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public int maxConnections() {
		return this.maxConnections;
	}

	@Override
	public int active() {
		return sum(ConnectionPoolMetrics::acquiredSize);
	}

	@Override
	public int idle() {
		return sum(ConnectionPoolMetrics::idleSize);
	}

	@Override
	public int total() {
		return sum(ConnectionPoolMetrics::allocatedSize);
	}

	@Override
	public int pending() {
		return sum(ConnectionPoolMetrics::pendingAcquireSize);
	}

	private int sum(ToIntFunction<ConnectionPoolMetrics> size) {
		int sum = 0;
		for (ConnectionPoolMetrics metrics : this.pools.values()) {
			sum += size.applyAsInt(metrics);
		}
		return sum;
	}

	@Override
	public String toString() {
		return "ConnectionPool[" + this.name + ", active=" + active() + ", idle=" + idle() + ", pending=" + pending()
				+ ", max=" + this.maxConnections + "]";
	}

}
