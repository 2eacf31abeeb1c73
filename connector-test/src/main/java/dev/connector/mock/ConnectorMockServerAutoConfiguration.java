package dev.connector.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connector.autoconfigure.ConnectorAutoConfiguration;
import dev.connector.autoconfigure.ConnectorCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Binds every auto-configured client to one {@link ConnectorMockServer} bean. Not applied
 * unless a test asks for it, with {@link AutoConfigureConnectorMockServer} or, with an
 * {@code ApplicationContextRunner}, {@code AutoConfigurations.of(...)}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = ConnectorAutoConfiguration.class)
public class ConnectorMockServerAutoConfiguration {

	/**
	 * The server every client is bound to, writing JSON with the application's
	 * {@code ObjectMapper} when there is one.
	 * @param mapper the application's mapper, if any
	 * @return the server
	 */
	@Bean
	@ConditionalOnMissingBean
	public ConnectorMockServer connectorMockServer(ObjectProvider<ObjectMapper> mapper) {
		ObjectMapper objectMapper = mapper.getIfAvailable();
		return (objectMapper != null) ? ConnectorMockServer.create(objectMapper) : ConnectorMockServer.create();
	}

	/**
	 * Replace each client's transport with the server's, last, so that no other customizer
	 * puts a network transport back.
	 * @param server the server
	 * @return the customizer
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	public ConnectorCustomizer connectorMockServerCustomizer(ConnectorMockServer server) {
		return (name, builder) -> server.bind(builder);
	}

}
