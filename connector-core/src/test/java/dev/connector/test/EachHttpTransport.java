package dev.connector.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs a test once on each transport that speaks HTTP, {@code http} (WebClient) and
 * {@code netty} (Reactor Netty's {@code HttpClient}), so that both pass the same suite. The
 * test class (in its constructor) or method (as a parameter) receives the
 * {@link HttpTransportUnderTest} of the run, and builds its clients with it. A class whose
 * constructor takes one must run every test this way.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(EachHttpTransport.Runs.class)
public @interface EachHttpTransport {

	/**
	 * One run per transport, each resolving the {@link HttpTransportUnderTest} parameter.
	 */
	final class Runs implements TestTemplateInvocationContextProvider {

		@Override
		public boolean supportsTestTemplate(ExtensionContext context) {
			return true;
		}

		@Override
		public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
				ExtensionContext context) {
			return HttpTransportUnderTest.ALL.stream().map(Run::new);
		}

	}

	/**
	 * The run on one transport.
	 */
	record Run(HttpTransportUnderTest transport) implements TestTemplateInvocationContext, ParameterResolver {

		@Override
		public String getDisplayName(int invocationIndex) {
			return "[" + this.transport.type() + "]";
		}

		@Override
		public List<Extension> getAdditionalExtensions() {
			return List.of(this);
		}

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == HttpTransportUnderTest.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return this.transport;
		}

	}

}
