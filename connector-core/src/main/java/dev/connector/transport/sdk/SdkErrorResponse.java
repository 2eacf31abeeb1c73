package dev.connector.transport.sdk;

import java.util.Objects;

import org.springframework.http.HttpHeaders;

/**
 * The HTTP response an SDK's exception reports: what Connector needs to raise the
 * exception of its status.
 *
 * @param status the status code
 * @param headers the response headers, such as {@code Retry-After}
 * @param body the response body, or {@code null}; only a bounded excerpt is kept
 * @since 0.1.0
 * @see SdkClientFactory#errorResponse(Throwable)
 */
public record SdkErrorResponse(int status, HttpHeaders headers, String body) {

	/**
	 * Create a new instance.
	 */
	public SdkErrorResponse {
		Objects.requireNonNull(headers, "headers must not be null");
	}

}
