package dev.connector.internal;

import java.util.List;

import dev.connector.ConnectorInterceptor;
import dev.connector.config.ClientSettings;
import dev.connector.resilience.ClientResilience;
import dev.connector.transport.UriResolver;
import reactor.core.scheduler.Scheduler;

/**
 * Everything a call of one client needs, assembled once when the client is built and
 * handed whole to each {@link RealCall}. Immutable; the parts that change (the connection
 * state, the health snapshot) are thread-safe objects of their own.
 *
 * @param settings the client's settings
 * @param connection the transport and its lifecycle
 * @param exchange sends a request through the transport and reads the response
 * @param interceptors the interceptor chain, outermost first
 * @param decoder decodes bodies with the client's codecs
 * @param streamDecoder decodes streamed bodies with the client's codecs
 * @param resilience the client's Resilience4j guards
 * @param retryLoop repeats failed attempts, or {@code null} when retries are off
 * @param observations observes calls, or {@code null} when the client is not observed
 * @param translator turns failures into connector exceptions
 * @param timer times deadlines and retry waits
 * @param health what the client has seen of its upstream
 * @param uris resolves request targets
 */
record ClientRuntime(ClientSettings settings, TransportConnection connection, TransportExchange exchange,
		List<ConnectorInterceptor> interceptors, BodyDecoder decoder, StreamDecoder streamDecoder,
		ClientResilience resilience, RetryLoop retryLoop,
		CallObservations observations, FailureTranslator translator, Scheduler timer, HealthTracker health,
		UriResolver uris) {

	String name() {
		return this.settings.name();
	}

}
