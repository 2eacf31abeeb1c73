package dev.connector.transport.sdk;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls through a vendor SDK client with the guarantees of the Connector client that wraps
 * it: its overall {@code timeout} and {@code attempt-timeout}, its retry policy, circuit
 * breaker, bulkhead and rate limiter, its observations (transport {@code sdk}), health and
 * exceptions. Obtained from {@code Connector#sdk(Class)}; immutable and thread-safe.
 *
 * <pre>{@code
 * Mono<ChatCompletion> completion = openai.sdk(OpenAIClientAsync.class)
 *         .call((client) -> client.chat().completions().create(params));
 * Flux<ChatCompletionChunk> chunks = openai.sdk(OpenAIClientAsync.class)
 *         .stream((client) -> client.chat().completions().createStreaming(params), ChatCompletionChunk.class);
 * }</pre>
 *
 * Each attempt calls the function again, so it must start a new SDK call every time. SDK
 * calls count as idempotent, as the SDKs' own retries treat them; say otherwise with
 * {@link #idempotent(boolean)}. Failures are the client's exceptions, named by the status
 * the SDK reports ({@code AuthenticationException}, {@code RateLimitedException} with its
 * Retry-After, {@code ClientErrorException}, {@code ServerErrorException}), or by its
 * cause ({@code TransportException}, {@code ConnectorTimeoutException}).
 *
 * @param <C> the SDK's client type
 * @since 0.1.0
 */
public interface SdkCalls<C> {

	/**
	 * Make a call. Nothing happens until the result is subscribed; cancelling it cancels the
	 * SDK's future.
	 * @param <T> the result type
	 * @param call starts one SDK call, such as
	 * {@code client -> client.chat().completions().create(params)}
	 * @return a publisher of the result, empty when the SDK completed with {@code null}
	 */
	<T> Mono<T> call(Function<? super C, ? extends CompletableFuture<T>> call);

	/**
	 * Make a streaming call and deliver its elements as the SDK yields them. The client's
	 * {@code timeout} bounds the wait for the first element, {@code stream.idle-timeout}
	 * each wait for the next, {@code stream.max-duration} the whole stream. A stream that
	 * fails before its first element is retried as a call is; after that, a failure is
	 * raised. Cancelling closes the SDK's stream, and with it the connection.
	 * @param <T> the element type
	 * @param call starts one streaming SDK call, such as
	 * {@code client -> client.chat().completions().createStreaming(params)}; it returns
	 * what the SDK returns (its {@code AsyncStreamResponse}, or any {@code Publisher})
	 * @param elementType the type of the elements
	 * @return a publisher of the elements
	 */
	<T> Flux<T> stream(Function<? super C, ?> call, Class<T> elementType);

	/**
	 * Return calls bounded by another overall deadline than the client's {@code timeout}.
	 * @param timeout the deadline of each call, all attempts included
	 * @return calls with that deadline
	 */
	SdkCalls<C> timeout(Duration timeout);

	/**
	 * Return calls that may or may not be repeated after a failure that may have reached the
	 * upstream (a timeout, a dropped connection, a listed status). SDK calls are idempotent
	 * unless said otherwise.
	 * @param idempotent {@code false} for calls that must not run twice
	 * @return calls with that idempotency
	 */
	SdkCalls<C> idempotent(boolean idempotent);

	/**
	 * Return the SDK client itself, for what needs no Connector guarantees (its options,
	 * say). Calls made on it directly get none.
	 * @return the client
	 */
	C client();

}
