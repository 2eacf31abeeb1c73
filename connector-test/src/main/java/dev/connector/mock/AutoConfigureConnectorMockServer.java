package dev.connector.mock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * On a Spring Boot test class, binds every auto-configured client to one
 * {@link ConnectorMockServer} bean, which the test injects to script and verify the
 * requests. The server is shared by the tests that share the application context: call
 * {@link ConnectorMockServer#reset()} after each.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(ConnectorMockServerAutoConfiguration.class)
public @interface AutoConfigureConnectorMockServer {

}
