package dev.connector.test;

import java.util.ArrayList;
import java.util.List;

/**
 * What the OpenAI and Anthropic APIs answer, as their official Java SDKs read it: bodies
 * and Server-Sent Events for a loopback server to send, so that the SDKs' tests run their
 * real HTTP and parsing code against it.
 */
public final class VendorWire {

	private VendorWire() {
	}

	/**
	 * Return an OpenAI chat completion ({@code POST /chat/completions}).
	 * @param content the assistant's answer
	 * @return the JSON body
	 */
	public static String openAiCompletion(String content) {
		return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-test\","
				+ "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
				+ "\",\"refusal\":null},\"finish_reason\":\"stop\",\"logprobs\":null}]}";
	}

	/**
	 * Return one event of an OpenAI chat completion stream.
	 * @param content the piece of the answer the chunk carries
	 * @return the SSE event
	 */
	public static String openAiChunk(String content) {
		return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
				+ "\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content
				+ "\"},\"finish_reason\":null}]}\n\n";
	}

	/**
	 * Return the event that ends an OpenAI stream.
	 * @return the SSE event
	 */
	public static String openAiDone() {
		return "data: [DONE]\n\n";
	}

	/**
	 * Return an OpenAI error body.
	 * @param message the error message
	 * @return the JSON body
	 */
	public static String openAiError(String message) {
		return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"test_error\",\"param\":null,\"code\":null}}";
	}

	/**
	 * Return an Anthropic message ({@code POST /v1/messages}).
	 * @param text the assistant's answer
	 * @return the JSON body
	 */
	public static String anthropicMessage(String text) {
		return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\","
				+ "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],\"stop_reason\":\"end_turn\","
				+ "\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
	}

	/**
	 * Return the events of an Anthropic message stream that answers with the given text
	 * deltas, one event per element.
	 * @param deltas the pieces of the answer
	 * @return the SSE events, in order
	 */
	public static List<String> anthropicStream(String... deltas) {
		List<String> events = new ArrayList<>();
		events.add(anthropicEvent("message_start",
				"{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
						+ "\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
						+ "\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}"));
		events.add(anthropicEvent("content_block_start",
				"{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
		for (String delta : deltas) {
			events.add(anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
					+ "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + delta + "\"}}"));
		}
		events.add(anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
		events.add(anthropicEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
				+ "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + deltas.length + "}}"));
		events.add(anthropicEvent("message_stop", "{\"type\":\"message_stop\"}"));
		return events;
	}

	/**
	 * Return an Anthropic error body.
	 * @param type the error type, such as {@code authentication_error}
	 * @param message the error message
	 * @return the JSON body
	 */
	public static String anthropicError(String type, String message) {
		return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
	}

	private static String anthropicEvent(String name, String data) {
		return "event: " + name + "\ndata: " + data + "\n\n";
	}

}
