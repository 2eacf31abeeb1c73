package dev.connector.autoconfigure;

import java.time.Duration;

import org.springframework.http.client.ReactorResourceFactory;

/**
 * Reactor Netty resources of a test context's own, in place of Boot's, which are the global
 * ones: closing the context would shut down the event loops the test's loopback servers run
 * on, and a server could then not be stopped (as Boot's test support also avoids, for
 * {@code @SpringBootTest}). Register with
 * {@code withBean(ReactorResourceFactory.class, ContextReactorResources::create)}.
 */
final class ContextReactorResources {

	private ContextReactorResources() {
	}

	static ReactorResourceFactory create() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setShutdownQuietPeriod(Duration.ZERO);
		return resources;
	}

}
