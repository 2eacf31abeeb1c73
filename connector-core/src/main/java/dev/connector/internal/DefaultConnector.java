package dev.connector.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.connector.BlockingConnector;
import dev.connector.ClientHealth;
import dev.connector.ConfigurationException;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.ConnectorSession;
import dev.connector.batch.BatchExecution;
import dev.connector.batch.BatchOptions;
import dev.connector.batch.BatchResult;
import dev.connector.config.ClientSettings;
import dev.connector.transport.ConnectionPoolView;
import dev.connector.transport.Transport;
import dev.connector.transport.sdk.SdkCalls;
import dev.connector.transport.sdk.SdkTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;

/**
 * The shipped {@link Connector}: a client's {@link ClientRuntime} behind the API. Holds no
 * per-call state; each call's state lives in its {@link RealCall}.
 */
final class DefaultConnector implements Connector {

	private static final Logger logger = LoggerFactory.getLogger(DefaultConnector.class);

	/** How long closing the transport itself may take, once no call is waited for. */
	private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(5);

	private final ClientRuntime runtime;

	private final AttemptSteps steps;

	private final BatchObservations batchObservations;

	private final Runnable releaseTimer;

	private final BlockingConnector blocking = new DefaultBlockingConnector(this);

	DefaultConnector(ClientRuntime runtime, BatchObservations batchObservations, Runnable releaseTimer) {
		this.runtime = runtime;
		this.steps = new AttemptSteps(runtime);
		this.batchObservations = batchObservations;
		this.releaseTimer = releaseTimer;
	}

	@Override
	public String name() {
		return this.runtime.name();
	}

	@Override
	public ClientSettings settings() {
		return this.runtime.settings();
	}

	@Override
	public Mono<ConnectorResponse> request(ConnectorRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return Mono.defer(() -> new RealCall(this.runtime, this.steps, request, false).execute());
	}

	@Override
	public Mono<ConnectorResponse> probe(ConnectorRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return Mono.defer(() -> new RealCall(this.runtime, this.steps, request, true,
				this.runtime.exchange()::probe).execute());
	}

	@Override
	public <T> Mono<T> request(ConnectorRequest request, Class<T> type) {
		return decodeBody(request, ResolvableType.forClass(type));
	}

	@Override
	public <T> Mono<T> request(ConnectorRequest request, ParameterizedTypeReference<T> type) {
		return decodeBody(request, ResolvableType.forType(type));
	}

	@Override
	public <T> Flux<T> stream(ConnectorRequest request, Class<T> type) {
		return stream(request, ResolvableType.forClass(type));
	}

	@Override
	public <T> Flux<T> stream(ConnectorRequest request, ParameterizedTypeReference<T> type) {
		return stream(request, ResolvableType.forType(type));
	}

	private <T> Flux<T> stream(ConnectorRequest request, ResolvableType type) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(type, "type must not be null");
		return Flux.defer(() -> new StreamCall<T>(this.runtime, this.steps, request, type).execute());
	}

	@Override
	public Mono<ConnectorSession> session(ConnectorRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return DefaultConnectorSession.open(this.runtime, this.steps, request);
	}

	private <T> Mono<T> decodeBody(ConnectorRequest request, ResolvableType type) {
		return request(request).handle((response, sink) -> {
			T body = this.runtime.decoder().decode(response, type, request.method());
			if (body != null) {
				sink.next(body);
			}
		});
	}

	@Override
	public Mono<List<BatchResult<ConnectorResponse>>> batch(List<ConnectorRequest> requests, BatchOptions options) {
		if (this.batchObservations == null) {
			return BatchExecution.list(this, requests, options, this.runtime.timer());
		}
		Flux<BatchResult<ConnectorResponse>> results = BatchExecution.listed(this, requests, options,
				this.runtime.timer());
		return BatchExecution.collect(this.batchObservations.observe(results, options), requests.size());
	}

	@Override
	public Flux<BatchResult<ConnectorResponse>> batch(Flux<ConnectorRequest> requests, BatchOptions options) {
		Flux<BatchResult<ConnectorResponse>> results = BatchExecution.stream(this, requests, options,
				this.runtime.timer());
		return (this.batchObservations != null) ? this.batchObservations.observe(results, options) : results;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <C> SdkCalls<C> sdk(Class<C> clientType) {
		Objects.requireNonNull(clientType, "clientType must not be null");
		Transport transport = this.runtime.connection().transport();
		if (!(transport instanceof SdkTransport<?> sdk)) {
			throw new ConfigurationException(name(), "transport",
					"client '" + name() + "' has transport '" + settings().transport()
							+ "', so it wraps no SDK client to call a " + clientType.getSimpleName() + " through",
					"Set transport: sdk and sdk.provider for client '" + name() + "', or call it with request(...).");
		}
		if (!clientType.isInstance(sdk.client())) {
			throw new ConfigurationException(name(), "sdk.provider",
					"client '" + name() + "' wraps a " + sdk.factory().clientType().getName() + " ("
							+ sdk.factory().provider() + "), not a " + clientType.getName(),
					"Ask for connector.sdk(" + sdk.factory().clientType().getSimpleName()
							+ ".class), or set sdk.provider to the SDK of " + clientType.getSimpleName() + ".");
		}
		return new DefaultSdkCalls<>(this.runtime, this.steps, (SdkTransport<C>) sdk, null, true);
	}

	@Override
	public ClientHealth health() {
		return this.runtime.health().health();
	}

	@Override
	public Optional<ConnectionPoolView> pool() {
		return this.runtime.connection().transport().pool();
	}

	@Override
	public BlockingConnector blocking() {
		return this.blocking;
	}

	@Override
	public void close() {
		close(this.runtime.settings().timeout());
	}

	@Override
	public void close(Duration gracePeriod) {
		Mono<Void> drained = this.runtime.connection().close();
		if (drained == null) {
			return;
		}
		try {
			// a Future rather than block(): close() may be called from any thread
			drained.toFuture().get(gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.info("event=connector.shutdown.cut_off client={} grace={}", name(), gracePeriod);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// never: the drain signal only completes
		}
		try {
			// calls still in flight are cut off: their connections close now
			this.runtime.connection().transport().disconnect().toFuture().get(DISCONNECT_TIMEOUT.toMillis(),
					TimeUnit.MILLISECONDS);
			logger.debug("event=connector.closed client={}", name());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("event=connector.close.failed client={}", name(), ex);
		}
		finally {
			this.runtime.resilience().unregister();
			this.releaseTimer.run();
		}
	}

	@Override
	public String toString() {
		return "Connector[" + name() + ", transport=" + settings().transport() + ", baseUrl=" + settings().baseUrl()
				+ "]";
	}

}
