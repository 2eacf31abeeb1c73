package dev.connector.transport.http;

import java.time.Duration;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.TransportException;
import dev.connector.config.ClientSettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import dev.connector.transport.ConnectionPoolView;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code http} transport's connection pool: its read-only view and what a call sees when
 * no connection becomes free in time.
 */
class HttpTransportPoolTest {

	private final HttpTransportUnderTest transport;

	HttpTransportPoolTest(HttpTransportUnderTest transport) {
		this.transport = transport;
	}


	private static final Duration PATIENCE = Duration.ofSeconds(10);

	/** Holds every request until released. */
	private final Sinks.Empty<Void> release = Sinks.empty();

	@AutoClose
	private final LoopbackServer server = LoopbackServer.start((request, response) -> this.release.asMono()
		.then(response.sendString(Mono.just("ok")).then()));

	@AutoClose
	private Connector connector;

	private Connector onePooledConnection(Duration pendingAcquireTimeout) {
		this.connector = this.transport.builder("payments")
			.settings((s) -> s.baseUrl(this.server.baseUrl())
				.timeout(PATIENCE)
				.pool(ClientSettings.PoolSettings.builder().maxConnections(1)
					.pendingAcquireTimeout(pendingAcquireTimeout).build()))
			.build();
		return this.connector;
	}

	private static ConnectorRequest get() {
		return ConnectorRequest.get("/held").retry(false).build();
	}

	@EachHttpTransport
	void exhaustedPoolRaisesATransportExceptionNamingMaxConnectionsAndPendingAcquireTimeout() {
		Connector payments = onePooledConnection(Duration.ofMillis(200));
		Mono<ConnectorResponse> first = payments.request(get()).cache();
		first.subscribe((response) -> {
		}, (error) -> {
		});
		await().atMost(PATIENCE).until(() -> this.server.inFlight() == 1);
		StepVerifier.create(payments.request(get()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TransportException.class)
				.hasMessageContaining("pool.max-connections (1)")
				.hasMessageContaining("pool.pending-acquire-timeout (200ms)")
				.hasMessageContaining("connector.clients.payments.pool.max-connections"))
			.verify(PATIENCE);
		this.release.tryEmitEmpty();
		StepVerifier.create(first).assertNext((response) -> assertThat(response.status()).isEqualTo(200))
			.expectComplete()
			.verify(PATIENCE);
	}

	@EachHttpTransport
	void poolViewShowsTheActiveConnectionAndTheCallWaitingForIt() {
		Connector payments = onePooledConnection(PATIENCE);
		ConnectionPoolView pool = payments.pool().orElseThrow();
		assertThat(pool.name()).isEqualTo("connector-payments");
		assertThat(pool.maxConnections()).isEqualTo(1);
		assertThat(pool.total()).isZero();
		Mono<ConnectorResponse> first = payments.request(get()).cache();
		Mono<ConnectorResponse> second = payments.request(get()).cache();
		first.subscribe((response) -> {
		}, (error) -> {
		});
		await().atMost(PATIENCE).until(() -> this.server.inFlight() == 1);
		second.subscribe((response) -> {
		}, (error) -> {
		});
		await().atMost(PATIENCE).until(() -> pool.pending() == 1);
		assertThat(pool.active()).isEqualTo(1);
		assertThat(pool.total()).isEqualTo(1);
		this.release.tryEmitEmpty();
		StepVerifier.create(first.then(second)).expectNextCount(1).expectComplete().verify(PATIENCE);
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(pool.active()).isZero();
			assertThat(pool.pending()).isZero();
			assertThat(pool.idle()).isEqualTo(1);
		});
	}

}
