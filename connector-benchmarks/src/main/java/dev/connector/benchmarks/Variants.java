package dev.connector.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.config.ClientSettings;
import dev.connector.transport.netty.NettyTransportFactory;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the eight client stacks the benchmark compares, all against the same loopback server:
 * <ol type="A">
 * <li>raw Reactor Netty {@code HttpClient}: the floor;</li>
 * <li>raw {@code WebClient} over Reactor Netty;</li>
 * <li>{@code WebClient} with Resilience4j retry and time limiter and a Micrometer
 * {@code ObservationRegistry}: what a user assembles by hand today;</li>
 * <li>{@code Connector} with its defaults, observation on;</li>
 * <li>{@code Connector} with observation off;</li>
 * <li>the JDK's {@code java.net.http.HttpClient}, asynchronous;</li>
 * <li>{@code Connector} on the {@code netty} transport (Reactor Netty's {@code HttpClient},
 * no {@code WebClient}) with its defaults, observation on, as D;</li>
 * <li>{@code Connector} on the {@code netty} transport, observation off, as E.</li>
 * </ol>
 * Every Reactor Netty stack gets its own connection pool, configured as the Connector's
 * default one (500 connections, 30 s idle eviction), so no variant queues for a connection at
 * 256 calls in flight and none keeps more idle connections than another. Every variant reads
 * the whole body as a {@code byte[]}. A variant builds all of this anew for each run, except
 * the JDK client (F), which cannot be closed on Java 17.
 */
final class Variants {

	/** The path every benchmark call requests. */
	static final String PATH = "/data";

	private static final byte[] NO_BODY = new byte[0];

	private static final ConnectorRequest REQUEST = ConnectorRequest.get(PATH).build();

	private Variants() {
	}

	/**
	 * Build every variant, in report order.
	 * @param baseUrl the server's base URL, {@code http://127.0.0.1:<port>}
	 * @return the variants A to H
	 */
	static List<Variant> all(String baseUrl) {
		return List.of(rawHttpClient(baseUrl), rawWebClient(baseUrl), handAssembled(baseUrl),
				new Variant("D", "Connector, defaults (retry, timeouts, observation on)",
						() -> client(connectorWithObservation(baseUrl, meteredObservationRegistry()))),
				new Variant("E", "Connector, observation off", () -> client(connectorWithoutObservation(baseUrl))),
				jdkHttpClient(baseUrl),
				new Variant("G", "Connector on the netty transport, defaults (observation on)",
						() -> client(nettyConnectorWithObservation(baseUrl, meteredObservationRegistry()))),
				new Variant("H", "Connector on the netty transport, observation off",
						() -> client(nettyConnectorWithoutObservation(baseUrl))));
	}

	/**
	 * Build variant G's connector: D's, on the {@code netty} transport.
	 * @param baseUrl the server's base URL
	 * @param registry the observation registry it should report to
	 * @return the connector
	 */
	static Connector nettyConnectorWithObservation(String baseUrl, ObservationRegistry registry) {
		return Connector.builder("bench-g")
			.settings((s) -> s.baseUrl(baseUrl).transport(NettyTransportFactory.TYPE))
			.observationRegistry(registry)
			.build();
	}

	/**
	 * Build variant H's connector: E's, on the {@code netty} transport.
	 * @param baseUrl the server's base URL
	 * @return the connector
	 */
	static Connector nettyConnectorWithoutObservation(String baseUrl) {
		return Connector.builder("bench-h")
			.settings((s) -> s.baseUrl(baseUrl).transport(NettyTransportFactory.TYPE))
			.observationRegistry(ObservationRegistry.NOOP)
			.build();
	}

	/**
	 * Build variant D's connector: the defaults, observation on.
	 * @param baseUrl the server's base URL
	 * @param registry the observation registry it should report to
	 * @return the connector
	 */
	static Connector connectorWithObservation(String baseUrl, ObservationRegistry registry) {
		return Connector.builder("bench-d").settings((s) -> s.baseUrl(baseUrl)).observationRegistry(registry).build();
	}

	/**
	 * Build variant E's connector: the defaults, observation off.
	 * @param baseUrl the server's base URL
	 * @return the connector
	 */
	static Connector connectorWithoutObservation(String baseUrl) {
		return Connector.builder("bench-e")
			.settings((s) -> s.baseUrl(baseUrl))
			.observationRegistry(ObservationRegistry.NOOP)
			.build();
	}

	/**
	 * Return an observation registry whose observations become timers in a
	 * {@link SimpleMeterRegistry}, as Spring Boot's actuator sets one up.
	 * @return a new registry
	 */
	static ObservationRegistry meteredObservationRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		return registry;
	}

	/**
	 * Build a {@code WebClient} over Reactor Netty with a pool of its own.
	 * @param name the pool's name
	 * @param baseUrl the server's base URL
	 * @param observations the registry to observe requests with, or {@code null} for none
	 * @return the client and its pool
	 */
	static PooledWebClient webClient(String name, String baseUrl, ObservationRegistry observations) {
		ConnectionProvider pool = pool(name);
		WebClient.Builder builder = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
			.baseUrl(baseUrl);
		if (observations != null) {
			builder.observationRegistry(observations);
		}
		return new PooledWebClient(builder.build(), pool);
	}

	private static Variant rawHttpClient(String baseUrl) {
		return new Variant("A", "Reactor Netty HttpClient, raw (the floor)", () -> {
			ConnectionProvider pool = pool("bench-a");
			HttpClient client = HttpClient.create(pool).baseUrl(baseUrl);
			return new Client(() -> client.get()
				.uri(PATH)
				.responseSingle((response, body) -> body.asByteArray()
					.defaultIfEmpty(NO_BODY)
					.map((bytes) -> Client.ok(response.status().code(), bytes))), pool::dispose);
		});
	}

	private static Variant rawWebClient(String baseUrl) {
		return new Variant("B", "WebClient, raw", () -> {
			PooledWebClient web = webClient("bench-b", baseUrl, null);
			return new Client(() -> get(web.client()), web.pool()::dispose);
		});
	}

	private static Variant handAssembled(String baseUrl) {
		return new Variant("C", "WebClient + Resilience4j retry/time limiter + observation, by hand", () -> {
			PooledWebClient web = webClient("bench-c", baseUrl, meteredObservationRegistry());
			Retry retry = Retry.of("bench-c",
					RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(100)).build());
			TimeLimiter timeLimiter = TimeLimiter.of("bench-c",
					TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(10)).build());
			return new Client(() -> Mono.defer(() -> get(web.client()))
				.transformDeferred(TimeLimiterOperator.of(timeLimiter))
				.transformDeferred(RetryOperator.of(retry)), web.pool()::dispose);
		});
	}

	private static Client client(Connector connector) {
		return new Client(
				() -> connector.request(REQUEST).map((response) -> Client.ok(response.status(), response.bodyAsByteArray())),
				connector::close);
	}

	private static Variant jdkHttpClient(String baseUrl) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + PATH)).GET().build();
		// one instance for every run: Java 17's HttpClient has no close(), and a new one per run
		// would leave the old one's selector thread and connections until it is collected
		java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		return new Variant("F", "java.net.http.HttpClient, sendAsync",
				() -> new Client(
						() -> Mono.fromFuture(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
							.map((response) -> Client.ok(response.statusCode(), response.body())),
						() -> {
						}));
	}

	/**
	 * One {@code GET /data} through a WebClient, the body read as {@code byte[]}; a status of
	 * 400 or more is an error signal ({@code retrieve()}'s default).
	 */
	static Mono<Boolean> get(WebClient client) {
		return client.get()
			.uri(PATH)
			.retrieve()
			.toEntity(byte[].class)
			.map((entity) -> Client.ok(entity.getStatusCode().value(), entity.getBody()));
	}

	/**
	 * A pool configured as the Connector's default one: same size, acquire timeout and idle
	 * eviction, so every Reactor Netty variant starts a run with the same idle connections.
	 */
	static ConnectionProvider pool(String name) {
		ClientSettings.PoolSettings defaults = ClientSettings.PoolSettings.DEFAULTS;
		return ConnectionProvider.builder(name)
			.maxConnections(defaults.maxConnections())
			.pendingAcquireTimeout(defaults.pendingAcquireTimeout())
			.maxIdleTime(defaults.maxIdleTime())
			.build();
	}

	/**
	 * A {@code WebClient} and the connection pool it owns.
	 *
	 * @param client the client
	 * @param pool its pool, to dispose when done
	 */
	record PooledWebClient(WebClient client, ConnectionProvider pool) {
	}

}
