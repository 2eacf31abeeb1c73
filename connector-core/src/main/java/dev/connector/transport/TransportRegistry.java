package dev.connector.transport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@link TransportFactory transport factories} known to an application, by type name.
 * Immutable. When two factories declare the same type, the first one given wins, so that an
 * application's own factory, ordered first, replaces a shipped one.
 *
 * @since 0.1.0
 */
public final class TransportRegistry {

	private final Map<String, TransportFactory> factories;

	private TransportRegistry(Map<String, TransportFactory> factories) {
		this.factories = Collections.unmodifiableMap(factories);
	}

	/**
	 * Create a registry of the given factories.
	 * @param factories the factories, in order of precedence
	 * @return a new registry
	 */
	public static TransportRegistry of(Iterable<? extends TransportFactory> factories) {
		Map<String, TransportFactory> byType = new LinkedHashMap<>();
		for (TransportFactory factory : factories) {
			byType.putIfAbsent(factory.type(), factory);
		}
		return new TransportRegistry(byType);
	}

	/**
	 * Create a registry of the given factories.
	 * @param factories the factories, in order of precedence
	 * @return a new registry
	 */
	public static TransportRegistry of(TransportFactory... factories) {
		return of(java.util.List.of(factories));
	}

	/**
	 * Return the factory of the given type.
	 * @param type the type name
	 * @return the factory, or {@code null} if none has that type
	 */
	public TransportFactory get(String type) {
		return this.factories.get(type);
	}

	/**
	 * Return the type names of every registered factory.
	 * @return read-only type names, in registration order
	 */
	public Set<String> types() {
		return this.factories.keySet();
	}

}
