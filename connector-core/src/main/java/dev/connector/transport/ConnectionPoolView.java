package dev.connector.transport;

/**
 * A read-only view of a transport's connection pool: the numbers as they are at the moment
 * each method is called. A transport that pools connections per remote address sums its
 * pools. Reading never changes the pool.
 *
 * @since 0.1.0
 * @see Transport#pool()
 */
public interface ConnectionPoolView {

	/**
	 * Return the pool's name.
	 * @return the name, such as {@code connector-payments}
	 */
	String name();

	/**
	 * Return the most connections the pool opens (per remote address).
	 * @return the configured {@code pool.max-connections}
	 */
	int maxConnections();

	/**
	 * Return the connections lent to calls right now.
	 * @return the active (acquired) connections
	 */
	int active();

	/**
	 * Return the open connections waiting in the pool for a call.
	 * @return the idle connections
	 */
	int idle();

	/**
	 * Return the connections open right now, active and idle.
	 * @return the allocated connections
	 */
	int total();

	/**
	 * Return the calls waiting for a connection to become free.
	 * @return the pending acquires
	 */
	int pending();

}
