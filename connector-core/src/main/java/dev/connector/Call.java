package dev.connector;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import dev.connector.config.ClientSettings;
import dev.connector.observation.ConnectorObservationContext;
import dev.connector.observation.ConnectorObservationDocumentation;
import dev.connector.observation.DefaultConnectorAttemptObservationConvention;
import dev.connector.observation.DefaultConnectorObservationConvention;
import dev.connector.resilience.ClientResilience;
import dev.connector.transport.TransportRequest;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.util.context.ContextView;

import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * One call through a {@link DefaultConnector}: the only place where per-call state (the
 * resolved URI, the attempt count) lives. Runs the interceptor chain and the transport for
 * each attempt, turns error statuses and transport failures into {@link ConnectorException}s,
 * and applies the overall deadline.
 */
final class Call {

	private static final byte[] NO_BODY = new byte[0];

	private static final DefaultConnectorObservationConvention DEFAULT_CALL_CONVENTION = new DefaultConnectorObservationConvention();

	private static final DefaultConnectorAttemptObservationConvention DEFAULT_ATTEMPT_CONVENTION = new DefaultConnectorAttemptObservationConvention();

	private static final Set<HttpMethod> IDEMPOTENT_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
			HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE);

	private final DefaultConnector connector;

	private final ConnectorRequest request;

	private volatile URI uri;

	private volatile int attempts;

	private long deadline;

	private Observation attemptObservation;

	private ConnectorObservationContext attemptContext;

	Call(DefaultConnector connector, ConnectorRequest request) {
		this.connector = connector;
		this.request = request;
	}

	Mono<ConnectorResponse> execute() {
		if (this.connector.isClosed()) {
			return Mono.error(new ConnectorException("Client is closed", this.connector.name(), this.request.method(),
					null, 0, null));
		}
		Duration timeout = (this.request.timeout() != null) ? this.request.timeout()
				: this.connector.settings().timeout();
		this.deadline = System.nanoTime() + timeout.toNanos();
		ClientResilience resilience = this.connector.resilience();
		ObservationRegistry registry = this.connector.observationRegistry();
		Mono<ConnectorResponse> attempt = resilience.guardAttempt(Mono.defer(this::attempt), this::translate);
		if (registry != null) {
			attempt = observeAttempt(attempt, registry);
		}
		Mono<ConnectorResponse> call = Boolean.FALSE.equals(this.request.retry()) ? attempt
				: resilience.retry(attempt);
		call = call.timeout(this.connector.deadlines().after(timeout))
			.onErrorMap(TimeoutException.class, (ex) -> new ConnectorTimeoutException(
					"No response within the deadline of " + format(timeout), this.connector.name(), this.request.method(),
					uriForError(), this.attempts, timeout, ex));
		call = call.doOnEach(this.connector.healthTracker()::record);
		return (registry != null) ? observeCall(call, registry) : call;
	}

	/**
	 * Observe the whole call, as a child of the caller's current observation (a batch's, or
	 * the application's), and make it the parent of the attempts.
	 */
	private Mono<ConnectorResponse> observeCall(Mono<ConnectorResponse> call, ObservationRegistry registry) {
		return Mono.deferContextual((reactorContext) -> {
			ConnectorObservationContext context = new ConnectorObservationContext(
					ConnectorObservationContext.Type.CALL, this.connector.name(),
					this.connector.settings().transport(), this.request);
			Observation observation = CallObservations.start(ConnectorObservationDocumentation.CALL
				.observation(this.connector.observationConvention(), DEFAULT_CALL_CONVENTION, () -> context, registry)
				.parentObservation(parent(reactorContext, registry)));
			return observed(call, observation, context).contextWrite(
					(written) -> written.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * Observe one attempt, as a child of the call; its context carries the trace
	 * propagation headers the attempt sends.
	 */
	private Mono<ConnectorResponse> observeAttempt(Mono<ConnectorResponse> attempt, ObservationRegistry registry) {
		return Mono.deferContextual((reactorContext) -> {
			ConnectorObservationContext context = new ConnectorObservationContext(
					ConnectorObservationContext.Type.ATTEMPT, this.connector.name(),
					this.connector.settings().transport(), this.request);
			Observation observation = CallObservations.start(ConnectorObservationDocumentation.ATTEMPT
				.observation(null, DEFAULT_ATTEMPT_CONVENTION, () -> context, registry)
				.parentObservation(parent(reactorContext, registry)));
			this.attemptObservation = observation;
			this.attemptContext = context;
			return observed(attempt, observation, context).contextWrite(
					(written) -> written.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static Observation parent(ContextView reactorContext, ObservationRegistry registry) {
		Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		return (parent != null) ? parent : registry.getCurrentObservation();
	}

	private Mono<ConnectorResponse> observed(Mono<ConnectorResponse> publisher, Observation observation,
			ConnectorObservationContext context) {
		boolean call = context.getType() == ConnectorObservationContext.Type.CALL;
		return publisher.doOnEach((signal) -> {
			if (signal.isOnNext()) {
				context.setResponse(signal.get());
				finish(observation, context, call, null);
			}
			else if (signal.isOnError()) {
				finish(observation, context, call, signal.getThrowable());
			}
		}).doOnCancel(() -> {
			context.setCancelled();
			finish(observation, context, call, null);
		});
	}

	private void finish(Observation observation, ConnectorObservationContext context, boolean call, Throwable error) {
		if (context.getUri() == null) {
			context.setUri(uriForError());
		}
		if (call || context.getAttempt() == 0) {
			context.setAttempt(this.attempts);
		}
		CallObservations.stop(observation, error);
	}

	private Mono<ConnectorResponse> attempt() {
		this.attempts++;
		Observation observation = this.attemptObservation;
		Mono<ConnectorResponse> exchange;
		if (observation == null) {
			exchange = proceed();
		}
		else {
			this.attemptContext.setAttempt(this.attempts);
			// interceptors run in the attempt's scope: their log lines carry its trace ids
			try (Observation.Scope scope = CallObservations.openScope(observation)) {
				exchange = proceed();
			}
		}
		if (!this.connector.isConnected()) {
			exchange = this.connector.transport().connect().doOnSuccess((ignored) -> this.connector.markConnected())
				.then(exchange);
		}
		return exchange.handle(this::checkStatus);
	}

	/**
	 * Start the interceptor chain; called while the attempt is being subscribed, so an
	 * exception thrown by an interceptor becomes the attempt's error.
	 */
	private Mono<ConnectorResponse> proceed() {
		try {
			return new InterceptorChain(0).proceed(this.request);
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
	}

	private Mono<ConnectorResponse> send(ConnectorRequest request) {
		URI uri = this.connector.uris().resolve(request);
		this.uri = uri;
		int attempt = this.attempts;
		ConnectorObservationContext observed = this.attemptContext;
		if (observed != null) {
			observed.setUri(uri);
			request = withPropagationHeaders(request, observed.getCarrier());
		}
		ConnectorResponse.CallInfo info = new ConnectorResponse.CallInfo(this.connector.name(), request.method(), uri,
				this.connector.decoder());
		int maxInMemorySize = this.connector.settings().maxInMemorySize();
		return this.connector.transport()
			.send(new TransportRequest(request, uri))
			.flatMap((response) -> DataBufferUtils.join(response.body(), maxInMemorySize)
				.map((body) -> new ConnectorResponse(response.status(), response.headers(), toBytes(body), attempt,
						info))
				.switchIfEmpty(Mono.fromSupplier(() -> new ConnectorResponse(response.status(), response.headers(),
						NO_BODY, attempt, info))));
	}

	private static ConnectorRequest withPropagationHeaders(ConnectorRequest request, Map<String, String> propagation) {
		if (propagation == null || propagation.isEmpty()) {
			return request;
		}
		ConnectorRequest.Builder builder = request.toBuilder();
		propagation.forEach((name, value) -> {
			if (!request.headers().containsKey(name)) {
				builder.header(name, value);
			}
		});
		return builder.build();
	}

	private static byte[] toBytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private void checkStatus(ConnectorResponse response, SynchronousSink<ConnectorResponse> sink) {
		int status = response.status();
		if (status < 400) {
			sink.next(response);
			return;
		}
		String name = this.connector.name();
		URI uri = (response.uri() != null) ? response.uri() : uriForError();
		HttpHeaders headers = response.headers();
		String excerpt = BodyExcerpt.of(response.rawBody(), ConnectorResponse.charset(headers));
		int attempts = this.attempts;
		ResponseException error;
		if (status == 401 || status == 403) {
			error = new AuthenticationException(name, this.request.method(), uri, attempts, status, headers, excerpt);
		}
		else if (status == 429) {
			error = new RateLimitedException(name, this.request.method(), uri, attempts, status, headers, excerpt,
					RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), Clock.systemUTC()));
		}
		else if (status < 500) {
			error = new ClientErrorException(name, this.request.method(), uri, attempts, status, headers, excerpt);
		}
		else {
			error = new ServerErrorException(name, this.request.method(), uri, attempts, status, headers, excerpt);
		}
		sink.error(markRetryable(error));
	}

	/**
	 * Decide, for this call, whether a failure is worth another attempt; the retry
	 * instance's predicate reads only this mark.
	 */
	private ConnectorException markRetryable(ConnectorException error) {
		return error.retryable(isRetryable(error));
	}

	private boolean isRetryable(ConnectorException error) {
		ClientSettings.RetrySettings retry = this.connector.settings().retry();
		if (!retry.enabled() || Boolean.FALSE.equals(this.request.retry())) {
			return false;
		}
		if (this.request.maxAttempts() != null && this.attempts >= this.request.maxAttempts()) {
			return false;
		}
		boolean idempotent = (this.request.idempotent() != null) ? this.request.idempotent()
				: IDEMPOTENT_METHODS.contains(this.request.method()) || retry.retryNonIdempotent();
		if (error instanceof TransportException transport) {
			// a connection never established cannot have reached the server
			return transport.isConnectFailure() || idempotent;
		}
		if (error instanceof ConnectorTimeoutException) {
			return idempotent;
		}
		if (error instanceof ResponseException response) {
			if (!idempotent || !retry.retryOnStatus().contains(response.getStatus())) {
				return false;
			}
			if (response instanceof RateLimitedException rateLimited && retry.respectRetryAfter()
					&& rateLimited.getRetryAfter() != null) {
				// waiting past the deadline would only turn a clear 429 into a timeout
				return rateLimited.getRetryAfter().toNanos() < this.deadline - System.nanoTime();
			}
			return true;
		}
		return false;
	}

	private ConnectorException translate(Throwable ex) {
		if (ex instanceof ConnectorException connectorException) {
			return connectorException;
		}
		return markRetryable(newException(ex));
	}

	private ConnectorException newException(Throwable ex) {
		if (ex instanceof CallNotPermittedException) {
			return rejected(RejectedCallException.Guard.CIRCUIT_BREAKER, "Circuit breaker is open", ex);
		}
		if (ex instanceof BulkheadFullException) {
			return rejected(RejectedCallException.Guard.BULKHEAD, "Bulkhead is full ("
					+ this.connector.settings().bulkhead().maxConcurrentCalls() + " calls in flight)", ex);
		}
		if (ex instanceof RequestNotPermitted) {
			return rejected(RejectedCallException.Guard.RATE_LIMITER, "Rate limit reached", ex);
		}
		String name = this.connector.name();
		URI uri = uriForError();
		int attempts = this.attempts;
		if (ex instanceof DataBufferLimitException) {
			return new DecodeException("Response body is larger than max-in-memory-size ("
					+ this.connector.settings().maxInMemorySize() + " bytes); raise connector.clients." + name
					+ ".max-in-memory-size", name, this.request.method(), uri, attempts, ex);
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnknownHostException) {
				return transportError("Unknown host: " + cause.getMessage(), true, ex);
			}
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
				return transportError("Could not connect: " + cause.getMessage(), true, ex);
			}
			if (cause.getClass().getSimpleName().equals("PoolAcquireTimeoutException")) {
				return transportError("No pooled connection became free within pool.pending-acquire-timeout ("
						+ this.connector.settings().pool().pendingAcquireTimeout() + ")", true, ex);
			}
			if (cause instanceof SSLHandshakeException) {
				return transportError("TLS handshake failed: " + cause.getMessage(), true, ex);
			}
			if (cause instanceof SSLException) {
				return transportError("TLS failure: " + cause.getMessage(), false, ex);
			}
			if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException) {
				Duration attemptTimeout = this.connector.settings().attemptTimeout();
				return new ConnectorTimeoutException("No response within the attempt-timeout of " + format(attemptTimeout),
						name, this.request.method(), uri, attempts, attemptTimeout, ex);
			}
			if (cause instanceof IOException) {
				String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
				return transportError("Connection failed: " + message, false, ex);
			}
			if (cause instanceof CodecException) {
				return new ConnectorException("Could not encode the request: " + cause.getMessage(), name,
						this.request.method(), uri, attempts, ex);
			}
		}
		return new ConnectorException("Call failed: " + ex, name, this.request.method(), uri, attempts, ex);
	}

	private RejectedCallException rejected(RejectedCallException.Guard guard, String reason, Throwable cause) {
		return new RejectedCallException(guard, reason, this.connector.name(), this.request.method(), uriForError(),
				this.attempts, cause);
	}

	private TransportException transportError(String reason, boolean connectFailure, Throwable cause) {
		return new TransportException(reason, this.connector.name(), this.request.method(), uriForError(),
				this.attempts, connectFailure, cause);
	}

	static String format(Duration duration) {
		if (duration == null) {
			return "(unset)";
		}
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	private URI uriForError() {
		URI uri = this.uri;
		if (uri == null) {
			try {
				uri = this.connector.uris().resolve(this.request);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}
		return uri;
	}

	/**
	 * The interceptor chain of one attempt: the interceptor list and a position, as in
	 * OkHttp. After the last interceptor comes the transport.
	 */
	private final class InterceptorChain implements ConnectorInterceptor.Chain {

		private final int index;

		InterceptorChain(int index) {
			this.index = index;
		}

		@Override
		public String clientName() {
			return Call.this.connector.name();
		}

		@Override
		public Mono<ConnectorResponse> proceed(ConnectorRequest request) {
			List<ConnectorInterceptor> interceptors = Call.this.connector.interceptors();
			if (this.index == interceptors.size()) {
				return send(request);
			}
			return interceptors.get(this.index).intercept(request, new InterceptorChain(this.index + 1));
		}

	}

}
