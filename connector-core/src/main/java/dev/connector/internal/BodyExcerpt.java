package dev.connector.internal;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * A bounded, single-line start of a body for error messages and logs: bodies are
 * excerpted, never dumped whole.
 */
public final class BodyExcerpt {

	static final int MAX_CHARS = 256;

	private BodyExcerpt() {
	}

	/**
	 * Excerpt a body.
	 * @param body the body, may be {@code null}
	 * @param charset its charset
	 * @return the excerpt, empty for no body
	 */
	public static String of(byte[] body, Charset charset) {
		return (body != null) ? of(ByteBuffer.wrap(body), charset) : "";
	}

	/**
	 * Excerpt a body without consuming the buffer.
	 * @param body the body
	 * @param charset its charset
	 * @return the excerpt, empty for no body
	 */
	public static String of(ByteBuffer body, Charset charset) {
		int total = body.remaining();
		if (total == 0) {
			return "";
		}
		// decode no more bytes than a UTF-8 excerpt of MAX_CHARS can take
		int length = Math.min(total, MAX_CHARS * 4);
		ByteBuffer start = body.duplicate();
		start.limit(start.position() + length);
		String text = charset.decode(start).toString();
		boolean truncated = length < total;
		if (text.length() > MAX_CHARS) {
			text = text.substring(0, MAX_CHARS);
			truncated = true;
		}
		text = text.replaceAll("\\s+", " ").strip();
		return truncated ? text + "... (" + total + " bytes)" : text;
	}

}
