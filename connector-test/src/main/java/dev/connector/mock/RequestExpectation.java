package dev.connector.mock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpMethod;

/**
 * One request a {@link ConnectorMockServer} expects, and what it answers: created by
 * {@link ConnectorMockServer#expect(HttpMethod, String)}, narrowed by the query, headers,
 * body and client it must carry, and completed by {@link #andRespond(MockResponse...)}.
 * An expectation with several responses is met by as many requests, answered in turn, so
 * {@code andRespond(serviceUnavailable(), json(charge))} scripts a failed attempt and its
 * retry.
 *
 * @since 0.1.0
 */
public final class RequestExpectation {

	private final Object lock;

	private final ObjectMapper mapper;

	private final HttpMethod method;

	private final String path;

	private final Map<String, List<String>> query = new LinkedHashMap<>();

	private final Map<String, List<String>> headers = new LinkedHashMap<>();

	private String client;

	private String body;

	private JsonNode jsonBody;

	private final Deque<MockResponse> responses = new ArrayDeque<>();

	private int expected;

	private int received;

	RequestExpectation(Object lock, ObjectMapper mapper, HttpMethod method, String path) {
		this.lock = lock;
		this.mapper = mapper;
		this.method = Objects.requireNonNull(method, "method must not be null");
		this.path = Objects.requireNonNull(path, "path must not be null");
	}

	/**
	 * Expect the request from this client only; without it, any bound client's request
	 * matches.
	 * @param name the client's name
	 * @return this expectation
	 */
	public RequestExpectation client(String name) {
		synchronized (this.lock) {
			this.client = name;
		}
		return this;
	}

	/**
	 * Expect a query parameter with exactly these values, in order, compared decoded.
	 * @param name the parameter name
	 * @param values the values
	 * @return this expectation
	 */
	public RequestExpectation query(String name, String... values) {
		synchronized (this.lock) {
			this.query.put(name, List.of(values));
		}
		return this;
	}

	/**
	 * Expect a request header with exactly these values, in order. The client's configured
	 * headers count, as they would on the network.
	 * @param name the header name, compared ignoring case
	 * @param values the values
	 * @return this expectation
	 */
	public RequestExpectation header(String name, String... values) {
		synchronized (this.lock) {
			this.headers.put(name, List.of(values));
		}
		return this;
	}

	/**
	 * Expect this exact text as the request body.
	 * @param body the body
	 * @return this expectation
	 */
	public RequestExpectation body(String body) {
		synchronized (this.lock) {
			this.body = body;
		}
		return this;
	}

	/**
	 * Expect a JSON body equal to this object written by the server's {@code ObjectMapper},
	 * compared as JSON trees (so field order and spacing do not matter).
	 * @param body the object
	 * @return this expectation
	 */
	public RequestExpectation jsonBody(Object body) {
		synchronized (this.lock) {
			// written then read, so numbers get the node types a received body's get
			this.jsonBody = readTree(write(body));
		}
		return this;
	}

	/**
	 * Answer the matching requests with these responses, one request each, in turn.
	 * @param responses the responses, at least one
	 */
	public void andRespond(MockResponse... responses) {
		if (responses.length == 0) {
			throw new IllegalArgumentException("at least one response is required");
		}
		synchronized (this.lock) {
			this.responses.addAll(Arrays.asList(responses));
			this.expected += responses.length;
		}
	}

	// the methods below are called with the server's lock held

	boolean isOpen() {
		return !this.responses.isEmpty();
	}

	MockResponse take() {
		this.received++;
		return this.responses.poll();
	}

	/** The differences between this expectation and the request; empty when it matches. */
	List<String> differences(RecordedRequest request) {
		List<String> differences = new ArrayList<>();
		if (this.client != null && !this.client.equals(request.client())) {
			differences.add(line("client", this.client, request.client()));
		}
		if (!this.method.equals(request.method())) {
			differences.add(line("method", this.method, request.method()));
		}
		if (!this.path.equals(request.path())) {
			differences.add(line("path", this.path, request.path()));
		}
		this.query.forEach((name, values) -> {
			List<String> actual = request.query().getOrDefault(name, List.of());
			if (!values.equals(actual)) {
				differences.add(line("query " + name, values, actual));
			}
		});
		this.headers.forEach((name, values) -> {
			List<String> actual = request.headers().getOrEmpty(name);
			if (!values.equals(actual)) {
				differences.add(sensitive(name) ? "header " + name + ": values differ (masked: " + values.size()
						+ " expected, " + actual.size() + " received)" : line("header " + name, values, actual));
			}
		});
		if (this.body != null && !this.body.equals(request.body())) {
			differences.add(line("body", this.body, request.body()));
		}
		if (this.jsonBody != null && !this.jsonBody.equals(readTree(request.body()))) {
			differences.add(line("body", this.jsonBody, request.body()));
		}
		return differences;
	}

	/** A credential's value never goes into a failure message, not even a test's. */
	private static boolean sensitive(String header) {
		String name = header.toLowerCase(java.util.Locale.ROOT);
		return name.equals("authorization") || name.equals("proxy-authorization") || name.contains("cookie")
				|| name.contains("key") || name.contains("token") || name.contains("secret");
	}

	private String write(Object body) {
		try {
			return this.mapper.writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Could not write the expected body as JSON: " + ex.getMessage(), ex);
		}
	}

	private JsonNode readTree(String body) {
		if (body == null) {
			return null;
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (JsonProcessingException ex) {
			return null;
		}
	}

	private static String line(String what, Object expected, Object actual) {
		return what + ": expected " + expected + " but was " + actual;
	}

	String describe() {
		StringBuilder text = new StringBuilder(this.method + " " + this.path);
		if (!this.query.isEmpty()) {
			text.append(" query ").append(this.query);
		}
		if (!this.headers.isEmpty()) {
			text.append(" headers ").append(this.headers.keySet());
		}
		if (this.body != null) {
			text.append(" body ").append(this.body);
		}
		if (this.jsonBody != null) {
			text.append(" body ").append(this.jsonBody);
		}
		if (this.client != null) {
			text.append(" from client ").append(this.client);
		}
		return text.toString();
	}

	String progress() {
		return this.received + " of " + this.expected + " requests received";
	}

	@Override
	public String toString() {
		synchronized (this.lock) {
			return describe();
		}
	}

}
