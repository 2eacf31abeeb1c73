package dev.connector.internal;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.transport.sdk.SdkCalls;
import dev.connector.transport.sdk.SdkErrorResponse;
import dev.connector.transport.sdk.SdkTransport;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The shipped {@link SdkCalls}: each SDK call is a {@link RealCall}, and each SDK stream a
 * {@link StreamCall}, whose attempts end in the SDK rather than in the interceptor chain,
 * so that retry, deadlines, guards, observation and health wrap them in the one place they
 * wrap every call. The interceptors are not run: the SDK builds and sends its own HTTP
 * requests.
 * <p>
 * Requests of SDK calls exist for that machinery only: their method is {@code SDK} and
 * their URI the client's base URL (or {@code sdk:<provider>} without one), which is what
 * errors, logs and observations show.
 */
final class DefaultSdkCalls<C> implements SdkCalls<C> {

	/** The method of SDK calls, which may make any HTTP request or several. */
	static final HttpMethod METHOD = HttpMethod.valueOf("SDK");

	private static final HttpHeaders NO_HEADERS = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());

	private final ClientRuntime runtime;

	private final AttemptSteps steps;

	private final SdkTransport<C> transport;

	private final Duration timeout;

	private final boolean idempotent;

	private final ConnectorRequest request;

	private final URI target;

	DefaultSdkCalls(ClientRuntime runtime, AttemptSteps steps, SdkTransport<C> transport, Duration timeout,
			boolean idempotent) {
		this.runtime = runtime;
		this.steps = steps;
		this.transport = transport;
		this.timeout = timeout;
		this.idempotent = idempotent;
		URI baseUrl = runtime.settings().baseUrl();
		this.target = (baseUrl != null) ? baseUrl : URI.create("sdk:" + transport.factory().provider());
		this.request = ConnectorRequest.method(METHOD, this.target).timeout(timeout).idempotent(idempotent).build();
	}

	@Override
	public <T> Mono<T> call(Function<? super C, ? extends CompletableFuture<T>> call) {
		Objects.requireNonNull(call, "call must not be null");
		return Mono.defer(() -> {
			// the result of the call's last attempt: attempts run one after another
			AtomicReference<T> result = new AtomicReference<>();
			AttemptExchange exchange = (attempt, progress) -> {
				URI uri = sendTo(attempt, progress);
				Mono<ConnectorResponse> response = Mono
					.fromFuture(() -> call.apply(this.transport.client()), false)
					.map((value) -> {
						result.set(value);
						return received(attempt, uri);
					})
					.switchIfEmpty(Mono.fromSupplier(() -> {
						result.set(null);
						return received(attempt, uri);
					}))
					.onErrorMap((error) -> failure(error, attempt, uri));
				return this.runtime.connection().whenConnected(response);
			};
			return new RealCall(this.runtime, this.steps, this.request, false, exchange).execute()
				.mapNotNull((response) -> result.get());
		});
	}

	@Override
	public <T> Flux<T> stream(Function<? super C, ?> call, Class<T> elementType) {
		Objects.requireNonNull(call, "call must not be null");
		Objects.requireNonNull(elementType, "elementType must not be null");
		ResolvableType type = ResolvableType.forClass(elementType);
		AttemptExchange exchange = (attempt, progress) -> {
			URI uri = sendTo(attempt, progress);
			Mono<ConnectorResponse> opened = Mono.defer(() -> {
				Flux<T> elements = this.transport.factory()
					.stream(call.apply(this.transport.client()))
					.cast(elementType)
					.onErrorMap((error) -> failure(error, attempt, uri));
				return open(elements, attempt, uri);
			}).onErrorMap((error) -> failure(error, attempt, uri));
			return this.runtime.connection().whenConnected(opened);
		};
		return Flux.defer(() -> new StreamCall<T>(this.runtime, this.steps, this.request, type, exchange).execute());
	}

	@Override
	public SdkCalls<C> timeout(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout must not be null");
		return new DefaultSdkCalls<>(this.runtime, this.steps, this.transport, timeout, this.idempotent);
	}

	@Override
	public SdkCalls<C> idempotent(boolean idempotent) {
		return new DefaultSdkCalls<>(this.runtime, this.steps, this.transport, this.timeout, idempotent);
	}

	@Override
	public C client() {
		return this.transport.client();
	}

	/**
	 * Subscribe to an SDK stream and emit once its first element (or its end) arrived, so
	 * that a failure before it, such as a 429, fails the attempt as a call's would: its
	 * guards, health and retry see it. The elements, the first one included, are kept for
	 * the stream to read; cancelling them, or this publisher before it emitted, closes the
	 * SDK's stream. The SDK pushes its elements: a slow subscriber lets them wait in memory.
	 */
	private <T> Mono<ConnectorResponse> open(Flux<T> elements, Attempt attempt, URI uri) {
		return Mono.create((sink) -> {
			Sinks.Many<T> rest = Sinks.many().unicast().onBackpressureBuffer();
			Disposable.Swap subscription = Disposables.swap();
			AtomicBoolean opened = new AtomicBoolean();
			Runnable open = () -> {
				if (opened.compareAndSet(false, true)) {
					attempt.streamedElements(rest.asFlux().doOnCancel(subscription::dispose));
					sink.success(received(attempt, uri));
				}
			};
			sink.onCancel(subscription);
			// the SDK signals from one thread at a time, so the sink has a single producer
			subscription.update(elements.subscribe((element) -> {
				rest.tryEmitNext(element);
				open.run();
			}, (error) -> {
				if (opened.get()) {
					rest.tryEmitError(error);
				}
				else {
					sink.error(error);
				}
			}, () -> {
				rest.tryEmitComplete();
				open.run();
			}));
		});
	}

	/**
	 * Note where the attempt goes, for errors and observations.
	 */
	private URI sendTo(Attempt attempt, CallProgress progress) {
		progress.sentTo(this.target);
		if (attempt.context() != null) {
			attempt.context().setUri(this.runtime.translator().redact(this.target));
		}
		return this.target;
	}

	private ConnectorResponse received(Attempt attempt, URI uri) {
		return ConnectorResponse.received(200, NO_HEADERS, null, attempt.number(), uri,
				this.runtime.decoder().reader(METHOD));
	}

	/**
	 * Name an SDK's failure: by the HTTP response it reports, as the factory describes it;
	 * a socket timeout as a timeout; anything else as any call's failure is named.
	 */
	private Throwable failure(Throwable error, Attempt attempt, URI uri) {
		Throwable failure = unwrap(error);
		if (failure instanceof ConnectorException) {
			return failure;
		}
		ConnectorException.Builder call = ConnectorException.builder(this.runtime.name())
			.method(METHOD)
			.uri(this.runtime.translator().redact(uri))
			.attempts(attempt.number())
			.cause(failure);
		SdkErrorResponse response = this.transport.factory().errorResponse(failure);
		if (response != null) {
			HttpHeaders headers = HttpHeaders.readOnlyHttpHeaders(response.headers());
			Duration retryAfter = (response.status() == 429)
					? RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), Clock.systemUTC()) : null;
			String excerpt = (response.body() != null)
					? BodyExcerpt.of(response.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) : null;
			return call.response(response.status(), headers, excerpt, retryAfter);
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// OkHttp's call timeout is an InterruptedIOException saying "timeout"
			if (cause instanceof SocketTimeoutException || (cause instanceof InterruptedIOException
					&& "timeout".equals(cause.getMessage()))) {
				return call.timeout("The " + this.transport.factory().provider() + " SDK timed out: "
						+ cause.getMessage(), null);
			}
		}
		return this.runtime.translator().translate(failure, METHOD, uri, attempt.number());
	}

	private static Throwable unwrap(Throwable error) {
		Throwable failure = error;
		while ((failure instanceof CompletionException || failure instanceof ExecutionException)
				&& failure.getCause() != null) {
			failure = failure.getCause();
		}
		return failure;
	}

}
