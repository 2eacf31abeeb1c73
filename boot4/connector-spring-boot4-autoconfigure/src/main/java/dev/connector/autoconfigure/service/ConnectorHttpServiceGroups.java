package dev.connector.autoconfigure.service;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.connector.Connector;
import dev.connector.ConnectorRegistry;
import dev.connector.service.ConnectorCall;
import dev.connector.service.ConnectorHttpExchangeAdapter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;

/**
 * Runs the {@code @HttpExchange} interfaces of a Spring HTTP service group through the
 * Connector client of the same name: a group {@code payments}
 * ({@code @ImportHttpServices(group = "payments", types = PaymentsApi.class)}) whose name
 * is a {@code connector.clients.payments} client makes its calls with that client, so with
 * its base URL, deadlines, retries, circuit breaker, auth, observation and errors, whatever
 * the group's client type. A method's (or the interface's) {@link ConnectorCall} applies as
 * it does through {@code ConnectorServices}. Groups of other names are left to Spring.
 */
final class ConnectorHttpServiceGroups {

	private final ObjectProvider<ConnectorRegistry> connectors;

	private final CallOverrides callOverrides = new CallOverrides();

	ConnectorHttpServiceGroups(ObjectProvider<ConnectorRegistry> connectors) {
		this.connectors = connectors;
	}

	/**
	 * Configure the groups named after a client.
	 * @param groups the groups of one client type
	 */
	void configure(HttpServiceGroupConfigurer.Groups<?> groups) {
		ConnectorRegistry registry = this.connectors.getIfAvailable();
		if (registry == null) {
			return;
		}
		Set<String> names = registry.names();
		groups.filter((group) -> names.contains(group.name())).forEachProxyFactory((group, factory) -> {
			Connector connector = registry.get(group.name());
			ConnectorHttpExchangeAdapter adapter = new ConnectorHttpExchangeAdapter(connector);
			factory.exchangeAdapterDecorator((spring) -> adapter).httpRequestValuesProcessor(this.callOverrides);
		});
	}

	/**
	 * Passes each method's {@link ConnectorCall}, or else its interface's, to the adapter as
	 * a request attribute; each method's is looked up once, not on every call.
	 */
	private static final class CallOverrides implements HttpRequestValues.Processor {

		/** Each method's annotation, or {@link Optional#empty()} for none. */
		private final Map<Method, Optional<ConnectorCall>> calls = new ConcurrentHashMap<>();

		@Override
		public void process(Method method, MethodParameter[] parameters, Object[] arguments,
				HttpRequestValues.Builder builder) {
			this.calls.computeIfAbsent(method, CallOverrides::declared)
				.ifPresent((call) -> builder.addAttribute(ConnectorHttpExchangeAdapter.CALL_ATTRIBUTE, call));
		}

		private static Optional<ConnectorCall> declared(Method method) {
			ConnectorCall call = AnnotatedElementUtils.findMergedAnnotation(method, ConnectorCall.class);
			return Optional.ofNullable((call != null) ? call
					: AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), ConnectorCall.class));
		}

	}

}
