package dev.connector;

/**
 * The response arrived but its body could not be turned into the requested type, or it was
 * larger than the client's {@code max-in-memory-size}.
 *
 * @since 0.1.0
 */
public class DecodeException extends ConnectorException {

	private static final long serialVersionUID = 1L;

	DecodeException(ConnectorException.Builder call, String reason) {
		super(call, reason, FailureKind.DECODE);
	}

}
