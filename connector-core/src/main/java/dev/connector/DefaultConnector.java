package dev.connector;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.connector.batch.BatchOptions;
import dev.connector.batch.BatchResult;
import dev.connector.config.ClientSettings;
import dev.connector.observation.ConnectorBatchObservationConvention;
import dev.connector.observation.ConnectorObservationConvention;
import dev.connector.resilience.ClientResilience;
import dev.connector.transport.Transport;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;

/**
 * The shipped {@link Connector}: one client's settings, transport, interceptors and
 * decoder. Holds no per-call state; each call's state lives in its {@link Call}.
 */
final class DefaultConnector implements Connector {

	private static final Logger logger = LoggerFactory.getLogger(DefaultConnector.class);

	private final ClientSettings settings;

	private final Transport transport;

	private final List<ConnectorInterceptor> interceptors;

	private final BodyDecoder decoder;

	private final ClientResilience resilience;

	private final ObservationRegistry observationRegistry;

	private final ConnectorObservationConvention observationConvention;

	private final ConnectorBatchObservationConvention batchObservationConvention;

	private final UriResolver uris;

	private final BlockingConnector blocking = new DefaultBlockingConnector(this);

	private final AtomicBoolean closed = new AtomicBoolean();

	private final HealthTracker health = new HealthTracker(Clock.systemUTC());

	private final Deadlines deadlines;

	private volatile boolean connected;

	DefaultConnector(ClientSettings settings, Transport transport, List<ConnectorInterceptor> interceptors,
			BodyDecoder decoder, ClientResilience resilience, ObservationRegistry observationRegistry,
			ConnectorObservationConvention observationConvention,
			ConnectorBatchObservationConvention batchObservationConvention) {
		this.settings = settings;
		this.transport = transport;
		this.interceptors = List.copyOf(interceptors);
		this.decoder = decoder;
		this.resilience = resilience;
		// no registry, a no-op one, or observation switched off: skip observation entirely
		this.observationRegistry = (observationRegistry == null || observationRegistry.isNoop()
				|| !settings.observationEnabled()) ? null : observationRegistry;
		this.observationConvention = observationConvention;
		this.batchObservationConvention = batchObservationConvention;
		this.deadlines = new Deadlines(settings.name());
		this.uris = new UriResolver(settings.baseUrl());
	}

	@Override
	public String name() {
		return this.settings.name();
	}

	@Override
	public ClientSettings settings() {
		return this.settings;
	}

	@Override
	public Mono<ConnectorResponse> request(ConnectorRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return Mono.defer(() -> new Call(this, request).execute());
	}

	@Override
	public <T> Mono<T> request(ConnectorRequest request, Class<T> type) {
		return decodeBody(request, ResolvableType.forClass(type));
	}

	@Override
	public <T> Mono<T> request(ConnectorRequest request, ParameterizedTypeReference<T> type) {
		return decodeBody(request, ResolvableType.forType(type));
	}

	private <T> Mono<T> decodeBody(ConnectorRequest request, ResolvableType type) {
		return request(request).handle((response, sink) -> {
			T body = this.decoder.decode(response.rawBody(), response.headers(), type, response);
			if (body != null) {
				sink.next(body);
			}
		});
	}

	@Override
	public Mono<List<BatchResult<ConnectorResponse>>> batch(List<ConnectorRequest> requests, BatchOptions options) {
		return BatchExecution.list(this, requests, options, this.observationRegistry,
				this.batchObservationConvention);
	}

	@Override
	public Flux<BatchResult<ConnectorResponse>> batch(Flux<ConnectorRequest> requests, BatchOptions options) {
		return BatchExecution.stream(this, requests, options, this.observationRegistry,
				this.batchObservationConvention);
	}

	@Override
	public ClientHealth health() {
		return this.health.health();
	}

	@Override
	public BlockingConnector blocking() {
		return this.blocking;
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		Duration grace = this.settings.timeout().plusSeconds(1);
		try {
			// a Future rather than block(): close() may be called from any thread
			this.transport.disconnect().toFuture().get(grace.toMillis(), TimeUnit.MILLISECONDS);
			logger.debug("event=connector.closed client={}", name());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("event=connector.close.failed client={} grace={}", name(), grace, ex);
		}
		finally {
			this.deadlines.close();
		}
	}

	@Override
	public String toString() {
		return "Connector[" + name() + ", transport=" + this.settings.transport() + ", baseUrl="
				+ this.settings.baseUrl() + "]";
	}

	boolean isClosed() {
		return this.closed.get();
	}

	Transport transport() {
		return this.transport;
	}

	List<ConnectorInterceptor> interceptors() {
		return this.interceptors;
	}

	BodyDecoder decoder() {
		return this.decoder;
	}

	ClientResilience resilience() {
		return this.resilience;
	}

	ObservationRegistry observationRegistry() {
		return this.observationRegistry;
	}

	ConnectorObservationConvention observationConvention() {
		return this.observationConvention;
	}

	Deadlines deadlines() {
		return this.deadlines;
	}

	HealthTracker healthTracker() {
		return this.health;
	}

	UriResolver uris() {
		return this.uris;
	}

	boolean isConnected() {
		return this.connected;
	}

	void markConnected() {
		this.connected = true;
	}

}
