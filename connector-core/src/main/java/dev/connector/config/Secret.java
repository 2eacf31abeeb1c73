package dev.connector.config;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A credential: a token, password, client secret or API key. Its {@link #toString()} is
 * always {@value #MASK}, so a secret that reaches a log line, an exception message, a
 * settings description or an actuator endpoint shows as masked; only {@link #reveal()}
 * gives the value, and only code that puts it on the wire calls it.
 *
 * @since 0.1.0
 */
public final class Secret {

	/** What a secret shows instead of its value. */
	public static final String MASK = "******";

	private final String value;

	private Secret(String value) {
		this.value = value;
	}

	/**
	 * Wrap a value.
	 * @param value the secret value, not empty
	 * @return the secret
	 * @throws IllegalArgumentException if the value is empty
	 */
	public static Secret of(String value) {
		Objects.requireNonNull(value, "value must not be null");
		if (value.isEmpty()) {
			throw new IllegalArgumentException("A secret must not be empty");
		}
		return new Secret(value);
	}

	/**
	 * Wrap a value that may be absent.
	 * @param value the secret value, or {@code null} or empty for none
	 * @return the secret, or {@code null} when there is no value
	 */
	public static Secret ofNullable(String value) {
		return (value != null && !value.isEmpty()) ? new Secret(value) : null;
	}

	/**
	 * Return the value, to put it on the wire. Never log or describe what this returns.
	 * @return the value
	 */
	public String reveal() {
		return this.value;
	}

	/**
	 * Compare the values in time that does not depend on where they differ.
	 */
	@Override
	public boolean equals(Object other) {
		return (other instanceof Secret secret) && MessageDigest.isEqual(
				this.value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public int hashCode() {
		return Secret.class.hashCode();
	}

	/**
	 * Return {@value #MASK}, never the value.
	 */
	@Override
	public String toString() {
		return MASK;
	}

}
