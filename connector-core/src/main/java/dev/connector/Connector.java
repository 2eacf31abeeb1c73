package dev.connector;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.connector.auth.ConnectorAuthenticator;
import dev.connector.batch.BatchExecution;
import dev.connector.batch.BatchOptions;
import dev.connector.batch.BatchResult;
import dev.connector.config.ClientSettings;
import dev.connector.internal.DefaultConnectorBuilder;
import dev.connector.observation.ConnectorBatchObservationConvention;
import dev.connector.observation.ConnectorObservationConvention;
import dev.connector.resilience.ResilienceRegistries;
import dev.connector.transport.ConnectionPoolView;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.TransportRegistry;
import dev.connector.transport.sdk.SdkCalls;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ClientCodecConfigurer;

/**
 * One client of one upstream system: the way an application calls it. Every call gets the
 * client's transport, deadlines, interceptors and precise errors.
 * <p>
 * In a Spring Boot application there is one {@code Connector} bean per
 * {@code connector.clients.<name>}, injectable with {@code @Qualifier("<name>")}. Without
 * Spring Boot, build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * Connector payments = Connector.builder("payments")
 *         .settings(s -> s.baseUrl("http://localhost:8081").timeout(Duration.ofSeconds(2)))
 *         .build();
 * Payment payment = payments.blocking().request(ConnectorRequest.get("/payments/42").build(), Payment.class);
 * }</pre>
 *
 * A connector is thread-safe and meant to be shared. Its transport connects on first use and
 * is released by {@link #close()}.
 *
 * @since 0.1.0
 */
public interface Connector extends AutoCloseable {

	/**
	 * Return the client's name.
	 * @return the name
	 */
	String name();

	/**
	 * Return the client's resolved settings.
	 * @return the settings
	 */
	ClientSettings settings();

	/**
	 * Make a call. Nothing is sent until the result is subscribed; each subscription makes
	 * the call again. A response with a status of 400 or more is signalled as a
	 * {@link ResponseException}.
	 * @param request the request
	 * @return a publisher of the response, or of a {@link ConnectorException} subtype:
	 * {@link TransportException}, {@link ConnectorTimeoutException},
	 * {@link ResponseException}, {@link DecodeException}
	 */
	Mono<ConnectorResponse> request(ConnectorRequest request);

	/**
	 * Send a health probe: one attempt through the client's interceptors and transport,
	 * bounded by the request's (or the client's) timeout and failing with the same
	 * exceptions as {@link #request(ConnectorRequest)}, but outside the client's resilience
	 * and bookkeeping: no retry, circuit breaker, bulkhead, rate limiter, observation or
	 * health tracking, so that checking an upstream's health never changes what the client
	 * reports of it or lets through.
	 * @param request the probe's request
	 * @return a publisher of the response, or of a {@link ConnectorException}
	 */
	default Mono<ConnectorResponse> probe(ConnectorRequest request) {
		return request(request.toBuilder().retry(false).build());
	}

	/**
	 * Make a call and decode the response body with the client's codecs.
	 * @param <T> the body type
	 * @param request the request
	 * @param type the body class
	 * @return a publisher of the body, empty when the response had none; errors as for
	 * {@link #request(ConnectorRequest)}, or {@link DecodeException}
	 */
	<T> Mono<T> request(ConnectorRequest request, Class<T> type);

	/**
	 * Make a call and decode the response body into a generic type.
	 * @param <T> the body type
	 * @param request the request
	 * @param type the body type, such as {@code new ParameterizedTypeReference<List<Quote>>() {}}
	 * @return a publisher of the body, empty when the response had none; errors as for
	 * {@link #request(ConnectorRequest)}, or {@link DecodeException}
	 */
	<T> Mono<T> request(ConnectorRequest request, ParameterizedTypeReference<T> type);

	/**
	 * Make a call whose response is a stream, and decode its elements as they arrive, with
	 * the client's codecs and the conventions of {@code WebClient}'s {@code bodyToFlux}: for
	 * {@code text/event-stream} each event's data as {@code T} (or whole events with
	 * {@code ServerSentEvent<T>}, through the generic variant); for
	 * {@code application/x-ndjson} and {@code application/stream+json} one {@code T} per
	 * line; for a JSON array one {@code T} per item; otherwise lines as {@code String}, or
	 * chunks as {@code byte[]} or {@code DataBuffer} (which the subscriber must release).
	 * <p>
	 * Nothing is read ahead of the subscriber's demand, so a slow subscriber slows the
	 * socket; {@code max-in-memory-size} bounds each element. The client's {@code timeout}
	 * bounds the wait for the response headers, {@code stream.idle-timeout} (or
	 * {@link ConnectorRequest#idleTimeout()}) each wait for the next element, and
	 * {@code stream.max-duration} the whole stream; each raises a
	 * {@link ConnectorTimeoutException} naming the limit. An error status fails before the
	 * first element with the exception {@link #request(ConnectorRequest)} would raise. A
	 * connection that fails before it delivered an element is retried as a call is; a
	 * failure after that is raised, never replayed, except that an event stream with
	 * {@code stream.resume} reconnects with {@code Last-Event-ID}. Cancelling closes the
	 * connection.
	 * @param <T> the element type
	 * @param request the request
	 * @param type the element class
	 * @return a publisher of the elements
	 */
	default <T> Flux<T> stream(ConnectorRequest request, Class<T> type) {
		return Flux.error(new UnsupportedOperationException(getClass().getName() + " does not stream"));
	}

	/**
	 * Make a call whose response is a stream of a generic element type, such as
	 * {@code new ParameterizedTypeReference<ServerSentEvent<Quote>>() {}}; otherwise as
	 * {@link #stream(ConnectorRequest, Class)}.
	 * @param <T> the element type
	 * @param request the request
	 * @param type the element type
	 * @return a publisher of the elements
	 */
	default <T> Flux<T> stream(ConnectorRequest request, ParameterizedTypeReference<T> type) {
		return Flux.error(new UnsupportedOperationException(getClass().getName() + " does not stream"));
	}

	/**
	 * Open a session for full-duplex messages, on a transport that holds sessions (such as
	 * {@code websocket}). The handshake is made as a call is: through the interceptors (so
	 * credentials go with it), within the request's (or the client's) {@code timeout},
	 * retried as a call would be, observed and counted in the client's health; an error
	 * status fails with the exception {@link #request(ConnectorRequest)} would raise. Once
	 * the session is open nothing is retried. A request body, if any, is sent as the first
	 * messages. Each subscription opens another session. Sessions still open when the
	 * client closes are closed.
	 * @param request the handshake's request
	 * @return a publisher of the open session, or of a {@link ConnectorException}; a
	 * {@link ConfigurationException} if the client's transport holds no sessions
	 * @since 0.1.0
	 */
	default Mono<ConnectorSession> session(ConnectorRequest request) {
		return Mono.error(new UnsupportedOperationException(getClass().getName() + " does not open sessions"));
	}

	/**
	 * Make many calls, at most {@code maxConcurrency} at once, and collect one result per
	 * request, in input order. See {@link BatchOptions} for deadlines and fail-fast.
	 * @param requests the requests
	 * @param options how the batch runs
	 * @return a publisher of every result, each a success or a failure; in fail-fast mode, of
	 * the first failure as an error instead
	 */
	default Mono<List<BatchResult<ConnectorResponse>>> batch(List<ConnectorRequest> requests, BatchOptions options) {
		return BatchExecution.list(this, requests, options, Schedulers.parallel());
	}

	/**
	 * Make a call for each request of a stream too large to hold, at most
	 * {@code maxConcurrency} at once. Requests are pulled only as slots free up, so memory
	 * stays bounded; results come in input order unless {@link BatchOptions#ordered()} is off.
	 * @param requests the requests
	 * @param options how the batch runs
	 * @return a publisher of one result per request; in fail-fast mode it errors with the
	 * first failure
	 */
	default Flux<BatchResult<ConnectorResponse>> batch(Flux<ConnectorRequest> requests, BatchOptions options) {
		return BatchExecution.stream(this, requests, options, Schedulers.parallel());
	}

	/**
	 * Call through the vendor SDK client this client wraps ({@code transport: sdk}), with
	 * the client's deadlines, retry, guards, observation, health and exceptions:
	 * {@code openai.sdk(OpenAIClientAsync.class).call(client -> client.chat().completions().create(params))}.
	 * @param <C> the SDK's client type
	 * @param clientType the SDK's client type, or a supertype of it
	 * @return the calls, sharing this client's SDK client
	 * @throws ConfigurationException if this client's transport is not {@code sdk}, or its
	 * SDK client is not of that type
	 * @since 0.1.0
	 */
	default <C> SdkCalls<C> sdk(Class<C> clientType) {
		throw new ConfigurationException(name(), "transport",
				"client '" + name() + "' (" + getClass().getName() + ") does not wrap an SDK client",
				"Configure it with transport: sdk and an sdk.provider.");
	}

	/**
	 * Return what this client has seen of its upstream lately, for health checks.
	 * @return the latest health; {@link ClientHealth#UNKNOWN} if the implementation does not
	 * track it
	 */
	default ClientHealth health() {
		return ClientHealth.UNKNOWN;
	}

	/**
	 * Return a read-only view of this client's connection pool (connections active, idle
	 * and waited for), for metrics and the actuator endpoint.
	 * @return the pool's view, or empty when the client's transport keeps no pool
	 * @since 0.1.0
	 */
	default Optional<ConnectionPoolView> pool() {
		return Optional.empty();
	}

	/**
	 * Return the blocking view of this client.
	 * @return the blocking view, sharing this client's transport
	 */
	BlockingConnector blocking();

	/**
	 * Close the client gracefully, giving calls in flight up to the client's
	 * {@code timeout} to finish; see {@link #close(Duration)}. Idempotent.
	 */
	@Override
	void close();

	/**
	 * Close the client gracefully: new calls are refused at once with a
	 * {@link ConnectorException} of kind {@link FailureKind#REJECTED}; calls in flight
	 * (batches' included) may finish within the grace period; after it, the transport is
	 * closed and the calls still in flight fail with a {@link ConnectorException} saying
	 * the client is shutting down. Blocks for at most the grace period plus a few seconds
	 * to close the transport. Idempotent: only the first close waits.
	 * @param gracePeriod how long calls in flight may take to finish
	 */
	default void close(Duration gracePeriod) {
		close();
	}

	/**
	 * Start building a client.
	 * @param name the client's name, used in errors, logs and telemetry
	 * @return a new builder
	 */
	static Builder builder(String name) {
		return new DefaultConnectorBuilder(name);
	}

	/**
	 * Builds a {@link Connector}. Not thread-safe.
	 *
	 * @since 0.1.0
	 */
	interface Builder {

		/**
		 * Replace the settings, name included.
		 * @param settings the resolved settings
		 * @return this builder
		 */
		Builder settings(ClientSettings settings);

		/**
		 * Adjust the settings.
		 * @param customizer called with the settings builder
		 * @return this builder
		 */
		Builder settings(Consumer<ClientSettings.Builder> customizer);

		/**
		 * Use the given factory for the transport, whatever the settings' transport type.
		 * @param factory the transport factory
		 * @return this builder
		 */
		Builder transportFactory(TransportFactory factory);

		/**
		 * Look the transport factory up by the settings' transport type in this registry.
		 * Without one, the {@code http} and {@code netty} types are known.
		 * @param registry the registry
		 * @return this builder
		 */
		Builder transportRegistry(TransportRegistry registry);

		/**
		 * Register the client's Resilience4j instances (retry, time limiter, and when
		 * enabled circuit breaker, bulkhead, rate limiter) in these registries, under the
		 * client's name. Without them, the client gets registries of its own.
		 * @param registries the registries
		 * @return this builder
		 */
		Builder resilienceRegistries(ResilienceRegistries registries);

		/**
		 * Observe calls, attempts and batches in this registry ({@code connector.request},
		 * {@code connector.request.attempt}, {@code connector.batch}). Without one, or with
		 * a no-op registry, nothing is observed and nothing is spent on it.
		 * @param registry the registry, or {@code null}
		 * @return this builder
		 */
		Builder observationRegistry(ObservationRegistry registry);

		/**
		 * Replace the convention that names and tags call observations.
		 * @param convention the convention, or {@code null} for the default
		 * @return this builder
		 */
		Builder observationConvention(ConnectorObservationConvention convention);

		/**
		 * Replace the convention that names and tags batch observations.
		 * @param convention the convention, or {@code null} for the default
		 * @return this builder
		 */
		Builder batchObservationConvention(ConnectorBatchObservationConvention convention);

		/**
		 * Time the client's deadlines, retry waits and batch deadlines on this scheduler.
		 * Without one, the client shares the application's deadline timer (one thread on a
		 * hashed wheel for every client, stopped when the last client closes). A
		 * {@code VirtualTimeScheduler} makes them virtual, for tests that cross no socket.
		 * The client does not dispose the scheduler.
		 * @param scheduler the scheduler, or {@code null} for the shared timer
		 * @return this builder
		 */
		Builder scheduler(Scheduler scheduler);

		/**
		 * Configure the codecs that decode response bodies.
		 * @param configurer called with the codec configurer
		 * @return this builder
		 */
		Builder codecs(Consumer<ClientCodecConfigurer> configurer);

		/**
		 * Add an interceptor at the end of the chain.
		 * @param interceptor the interceptor
		 * @return this builder
		 */
		Builder interceptor(ConnectorInterceptor interceptor);

		/**
		 * Set the authenticator that adds credentials to every attempt, replacing the one
		 * the settings' {@code auth.*} describe.
		 * @param authenticator the authenticator, or {@code null} to use the settings'
		 * @return this builder
		 */
		Builder authenticator(ConnectorAuthenticator authenticator);

		/**
		 * Change the interceptor chain, for example to insert an interceptor first.
		 * @param interceptors called with the mutable chain, first element outermost
		 * @return this builder
		 */
		Builder interceptors(Consumer<List<ConnectorInterceptor>> interceptors);

		/**
		 * Build the client. Its transport is created now and connects on first use.
		 * @return the client
		 * @throws ConfigurationException if the settings are invalid or name an unknown
		 * transport type
		 */
		Connector build();

	}

}
