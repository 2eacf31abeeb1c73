package dev.connector.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Per-method (or, on the interface, per-interface) overrides of the client's settings for
 * the calls of an {@code @HttpExchange} interface made through a {@link ConnectorServices}
 * proxy. A method's annotation replaces the interface's, as a whole.
 *
 * <pre>{@code
 * @HttpExchange("/payments")
 * interface PaymentsApi {
 *
 *     @GetExchange("/{id}")
 *     @ConnectorCall(timeout = "500ms")
 *     Payment find(@PathVariable String id);
 *
 *     @PostExchange
 *     @ConnectorCall(retry = false)
 *     void charge(@RequestBody Payment payment);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConnectorCall {

	/**
	 * The call's overall deadline, replacing the client's {@code timeout}, in the styles
	 * Spring accepts ({@code 500ms}, {@code 2s}, {@code PT2S}); empty for the client's.
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * {@code false} to never retry this call; {@code true} (the default) keeps the
	 * client's {@code retry} settings.
	 * @return whether the client's retries apply
	 */
	boolean retry() default true;

	/**
	 * The maximum attempts, replacing the client's {@code retry.max-attempts}; 0 (the
	 * default) for the client's.
	 * @return the maximum attempts
	 */
	int maxAttempts() default 0;

	/**
	 * {@code true} to declare the call idempotent (safe to retry) whatever its method, as
	 * for a {@code POST} with an idempotency key; {@code false} (the default) derives it
	 * from the method.
	 * @return whether the call is declared idempotent
	 */
	boolean idempotent() default false;

}
