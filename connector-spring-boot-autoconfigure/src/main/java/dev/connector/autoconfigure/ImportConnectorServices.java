package dev.connector.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Registers one bean per {@code @HttpExchange} interface whose calls go through the named
 * client (see {@link dev.connector.service.ConnectorServices}), injectable by the
 * interface's type. Put it on a {@code @Configuration} class; repeat it for other clients.
 *
 * <pre>{@code
 * @Configuration(proxyBeanMethods = false)
 * @ImportConnectorServices(client = "payments", types = PaymentsApi.class)
 * class PaymentsConfiguration {
 * }
 * }</pre>
 *
 * Each method call is a call of the client: its base URL, headers, authentication,
 * retries, deadlines, circuit breaker, observation, health and exceptions;
 * {@link dev.connector.service.ConnectorCall @ConnectorCall} overrides some of them per
 * method.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ImportConnectorServices.Container.class)
@Import(ConnectorServicesRegistrar.class)
public @interface ImportConnectorServices {

	/**
	 * The name of the client, {@code connector.clients.<name>}, or of a {@code Connector}
	 * bean the application declared.
	 * @return the client's name
	 */
	String client();

	/**
	 * The {@code @HttpExchange} interfaces to implement with the client.
	 * @return the interfaces
	 */
	Class<?>[] types();

	/**
	 * Holds repeated {@link ImportConnectorServices} annotations.
	 *
	 * @since 0.1.0
	 */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@Import(ConnectorServicesRegistrar.class)
	@interface Container {

		/**
		 * The repeated annotations.
		 * @return the annotations
		 */
		ImportConnectorServices[] value();

	}

}
