package dev.connector;

import java.nio.charset.Charset;

/**
 * A bounded, single-line start of a body for error messages: bodies are excerpted, never
 * dumped whole.
 */
final class BodyExcerpt {

	static final int MAX_CHARS = 256;

	private BodyExcerpt() {
	}

	static String of(byte[] body, Charset charset) {
		if (body == null || body.length == 0) {
			return "";
		}
		// decode no more bytes than a UTF-8 excerpt of MAX_CHARS can take
		int length = Math.min(body.length, MAX_CHARS * 4);
		String text = new String(body, 0, length, charset);
		boolean truncated = length < body.length;
		if (text.length() > MAX_CHARS) {
			text = text.substring(0, MAX_CHARS);
			truncated = true;
		}
		text = text.replaceAll("\\s+", " ").strip();
		return truncated ? text + "... (" + body.length + " bytes)" : text;
	}

}
