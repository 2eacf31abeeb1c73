package dev.connector.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connector.Connector;
import dev.connector.config.ClientSettings;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;

import org.springframework.http.HttpMethod;

/**
 * A mock upstream for tests, in the spirit of Spring's {@code MockRestServiceServer}: it
 * replaces only the network of the clients bound to it, so their interceptors, retries,
 * deadlines, errors, health and observations run for real, and a test proves the client's
 * settings as well as the code that calls it.
 * <p>
 * Bind it to a client before the client is built, then script the requests it expects and
 * what it answers, and {@link #verify()} at the end:
 * <pre class="code">
 * Connector.Builder builder = Connector.builder("payments").settings((s) -&gt; s.baseUrl("http://localhost"));
 * ConnectorMockServer server = ConnectorMockServer.bindTo(builder);
 * Connector payments = builder.build();
 *
 * server.expect(HttpMethod.GET, "/charges/ch_1")
 *     .andRespond(MockResponse.serviceUnavailable(), MockResponse.json(new Charge("ch_1", 500)));
 * // ... the code under test calls payments ...
 * server.verify();
 * </pre>
 * In a Spring Boot test, {@link AutoConfigureConnectorMockServer} binds every
 * auto-configured client to one server bean.
 * <p>
 * A request is answered by the first expectation, in the order they were declared, that
 * matches it and still has responses. A request no expectation matches fails its call with
 * an {@link AssertionError} that shows how it differs from each open expectation, and is
 * reported again by {@link #verify()}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ConnectorMockServer {

	private final Object lock = new Object();

	private final ObjectMapper mapper;

	private final List<RequestExpectation> expectations = new ArrayList<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private final List<String> unexpected = new ArrayList<>();

	private ConnectorMockServer(ObjectMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
	}

	/**
	 * Create a server that writes and compares JSON with a default {@code ObjectMapper}.
	 * @return a new server, bound to no client yet
	 */
	public static ConnectorMockServer create() {
		return new ConnectorMockServer(new ObjectMapper().findAndRegisterModules());
	}

	/**
	 * Create a server that writes and compares JSON with this {@code ObjectMapper}, such as
	 * the application's.
	 * @param mapper the mapper
	 * @return a new server, bound to no client yet
	 */
	public static ConnectorMockServer create(ObjectMapper mapper) {
		return new ConnectorMockServer(mapper);
	}

	/**
	 * Create a server and bind the client this builder builds to it.
	 * @param builder the client's builder, not built yet
	 * @return a new server
	 */
	public static ConnectorMockServer bindTo(Connector.Builder builder) {
		ConnectorMockServer server = create();
		server.bind(builder);
		return server;
	}

	/**
	 * Bind the client this builder builds to this server, replacing its transport whatever
	 * its type. Several clients may be bound to one server; see
	 * {@link RequestExpectation#client(String)}.
	 * @param builder the client's builder, not built yet
	 * @return the builder
	 */
	public Connector.Builder bind(Connector.Builder builder) {
		return builder.transportFactory(transportFactory());
	}

	/**
	 * Return a transport factory whose transports answer from this server, for wiring that
	 * takes a factory rather than a builder.
	 * @return the factory, of type {@code mock}
	 */
	public TransportFactory transportFactory() {
		return new TransportFactory() {

			@Override
			public String type() {
				return "mock";
			}

			@Override
			public Transport create(ClientSettings settings) {
				return new MockTransport(ConnectorMockServer.this, settings, ConnectorMockServer.this.mapper);
			}

		};
	}

	/**
	 * Expect a request.
	 * @param method the method
	 * @param path the path, decoded and without the query, such as {@code /charges/ch_1}
	 * @return the expectation, to narrow and to answer with
	 * {@link RequestExpectation#andRespond(MockResponse...)}
	 */
	public RequestExpectation expect(HttpMethod method, String path) {
		RequestExpectation expectation = new RequestExpectation(this.lock, this.mapper, method, path);
		synchronized (this.lock) {
			this.expectations.add(expectation);
		}
		return expectation;
	}

	/**
	 * Check that every expectation received all its requests and that no unexpected request
	 * arrived.
	 * @throws AssertionError listing the unmet expectations and the unexpected requests,
	 * each with how it differs from the open expectations
	 */
	public void verify() {
		StringBuilder report = new StringBuilder();
		synchronized (this.lock) {
			List<RequestExpectation> unmet = this.expectations.stream().filter(RequestExpectation::isOpen).toList();
			if (!unmet.isEmpty()) {
				report.append(unmet.size()).append(" expectation(s) unmet:\n");
				unmet.forEach((expectation) -> report.append("  ")
					.append(expectation.describe())
					.append(" (")
					.append(expectation.progress())
					.append(")\n"));
			}
			if (!this.unexpected.isEmpty()) {
				report.append(this.unexpected.size()).append(" unexpected request(s):\n");
				this.unexpected.forEach(report::append);
			}
		}
		if (!report.isEmpty()) {
			throw new AssertionError("ConnectorMockServer: " + report.toString().stripTrailing());
		}
	}

	/**
	 * Return the requests received so far, expected or not, in arrival order.
	 * @return a read-only copy
	 */
	public List<RecordedRequest> requests() {
		synchronized (this.lock) {
			return List.copyOf(this.requests);
		}
	}

	/**
	 * Forget every expectation and request, for example between tests that share a Spring
	 * application context.
	 */
	public void reset() {
		synchronized (this.lock) {
			this.expectations.clear();
			this.requests.clear();
			this.unexpected.clear();
		}
	}

	/** Record the request and return its response, or throw the diff when none matches. */
	MockResponse answer(RecordedRequest request) {
		synchronized (this.lock) {
			this.requests.add(request);
			List<String> diffs = new ArrayList<>();
			for (RequestExpectation expectation : this.expectations) {
				if (!expectation.isOpen()) {
					continue;
				}
				List<String> differences = expectation.differences(request);
				if (differences.isEmpty()) {
					return expectation.take();
				}
				StringBuilder diff = new StringBuilder("    vs expected ").append(expectation.describe()).append(":\n");
				differences.forEach((line) -> diff.append("      ").append(line).append('\n'));
				diffs.add(diff.toString());
			}
			StringBuilder report = new StringBuilder("  ").append(request.describe()).append('\n');
			if (diffs.isEmpty()) {
				report.append("    (no open expectation)\n");
			}
			diffs.forEach(report::append);
			this.unexpected.add(report.toString());
			throw new AssertionError("ConnectorMockServer: unexpected request\n" + report.toString().stripTrailing());
		}
	}

}
