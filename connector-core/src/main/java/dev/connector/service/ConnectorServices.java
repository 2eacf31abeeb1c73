package dev.connector.service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.connector.Connector;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Creates the implementation of an {@code @HttpExchange} interface whose calls go through a
 * {@link Connector}: Spring's {@code HttpServiceProxyFactory} with a
 * {@link ConnectorHttpExchangeAdapter}, plus the {@link ConnectorCall} overrides of each
 * method. In a Spring Boot application, {@code @ImportConnectorServices} registers such
 * proxies as beans.
 *
 * <pre>{@code
 * PaymentsApi payments = ConnectorServices.create(connector, PaymentsApi.class);
 * Payment payment = payments.find("42");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ConnectorServices {

	private ConnectorServices() {
	}

	/**
	 * Create the implementation of an {@code @HttpExchange} interface.
	 * @param <S> the interface
	 * @param connector the client that makes the calls
	 * @param type the interface
	 * @return a thread-safe implementation, to share
	 */
	public static <S> S create(Connector connector, Class<S> type) {
		Objects.requireNonNull(connector, "connector must not be null");
		Objects.requireNonNull(type, "type must not be null");
		ConnectorCall typeCall = AnnotatedElementUtils.findMergedAnnotation(type, ConnectorCall.class);
		S standard = proxy(connector, type, typeCall);
		Map<ConnectorCall, S> byOverrides = new HashMap<>();
		Map<Method, S> targets = new HashMap<>();
		for (Method method : type.getMethods()) {
			ConnectorCall call = AnnotatedElementUtils.findMergedAnnotation(method, ConnectorCall.class);
			if (call != null && !call.equals(typeCall)) {
				targets.put(method, byOverrides.computeIfAbsent(call, (key) -> proxy(connector, type, key)));
			}
		}
		if (targets.isEmpty()) {
			return standard;
		}
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				new Dispatcher(standard, Map.copyOf(targets))));
	}

	private static <S> S proxy(Connector connector, Class<S> type, ConnectorCall call) {
		ConnectorHttpExchangeAdapter adapter = new ConnectorHttpExchangeAdapter(connector,
				ConnectorHttpExchangeAdapter.overrides(call));
		return HttpServiceProxyFactory.builderFor(adapter).build().createClient(type);
	}

	/**
	 * Sends each method to the proxy made with its overrides; immutable.
	 */
	private record Dispatcher(Object standard, Map<Method, Object> targets) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			if (ReflectionUtils.isEqualsMethod(method)) {
				return proxy == args[0];
			}
			if (ReflectionUtils.isHashCodeMethod(method)) {
				return System.identityHashCode(proxy);
			}
			Object target = this.targets.getOrDefault(method, this.standard);
			try {
				// the interface may be package-private; its methods are still ours to call
				ReflectionUtils.makeAccessible(method);
				return method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

	}

}
