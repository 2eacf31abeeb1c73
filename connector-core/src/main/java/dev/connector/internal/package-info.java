/**
 * The call machinery behind the {@code dev.connector} API: the call, its interceptor chain,
 * failure translation, the retry policy, observations, deadlines, health tracking, body
 * decoding and URI resolution.
 * <p>
 * <strong>Not API.</strong> Types here are public only so that the packages beside this one
 * ({@code dev.connector}, {@code dev.connector.batch}, the Spring Boot auto-configuration)
 * can reach them; they change without notice. Applications use {@link dev.connector.Connector}
 * and the types it names.
 */
package dev.connector.internal;
