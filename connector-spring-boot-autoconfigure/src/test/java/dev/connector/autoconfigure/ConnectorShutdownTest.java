package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.FailureKind;
import dev.connector.test.LoopbackServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Graceful shutdown: closing the application context refuses new calls at once, lets the
 * calls in flight finish within {@code connector.shutdown.timeout}, and cuts off the rest
 * with an exception that says the client is shutting down.
 */
class ConnectorShutdownTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient());

	@AutoClose
	private LoopbackServer server;

	@Test
	void closingTheContextLetsQuickCallsFinishAndCutsOffSlowOnesAfterTheTimeout() {
		CountDownLatch arrived = new CountDownLatch(100);
		this.server = LoopbackServer.start((request, response) -> {
			arrived.countDown();
			Duration delay = request.path().equals("/quick") ? Duration.ofMillis(400) : Duration.ofSeconds(30);
			return Mono.delay(delay).then(Mono.from(response.sendString(Mono.just("ok"))));
		});
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.timeout=60s", "connector.clients.payments.retry.enabled=false",
					"connector.shutdown.timeout=1s")
			.run((context) -> {
				Connector payments = context.getBean(Connector.class);
				List<CompletableFuture<Object>> quick = new ArrayList<>();
				List<CompletableFuture<Object>> slow = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					quick.add(outcome(payments, "/quick"));
					slow.add(outcome(payments, "/slow"));
				}
				assertThat(arrived.await(10, TimeUnit.SECONDS)).as("all 100 calls in flight").isTrue();
				long start = System.nanoTime();
				context.close();
				Duration closing = Duration.ofNanos(System.nanoTime() - start);
				assertThat(closing).isLessThan(Duration.ofSeconds(2));
				assertThat(quick).allSatisfy((call) -> assertThat(call.get(5, TimeUnit.SECONDS))
					.isInstanceOfSatisfying(ConnectorResponse.class, (response) -> assertThat(response.status())
						.isEqualTo(200)));
				assertThat(slow).allSatisfy((call) -> assertThat(call.get(5, TimeUnit.SECONDS))
					.isInstanceOfSatisfying(ConnectorException.class, (error) -> {
						assertThat(error.kind()).isEqualTo(FailureKind.REJECTED);
						assertThat(error).hasMessageContaining("Client is shutting down")
							.hasMessageContaining("client=payments, GET " + this.server.baseUrl() + "/slow");
					}));
				ConnectorException refused = catchThrowableOfType(ConnectorException.class,
						() -> payments.blocking().request(ConnectorRequest.get("/quick").build()));
				assertThat(refused.kind()).isEqualTo(FailureKind.REJECTED);
			});
	}

	private static CompletableFuture<Object> outcome(Connector connector, String path) {
		return connector.request(ConnectorRequest.get(path).build())
			.<Object>map((response) -> response)
			.onErrorResume(Mono::just)
			.toFuture();
	}

	@Test
	void aBatchInFlightReportsAResultForEveryRequest() {
		CountDownLatch arrived = new CountDownLatch(4);
		this.server = LoopbackServer.start((request, response) -> {
			arrived.countDown();
			return Mono.delay(Duration.ofSeconds(30)).then(Mono.from(response.sendString(Mono.just("ok"))));
		});
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.timeout=60s", "connector.clients.payments.retry.enabled=false",
					"connector.shutdown.timeout=200ms")
			.run((context) -> {
				Connector payments = context.getBean(Connector.class);
				List<ConnectorRequest> requests = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					requests.add(ConnectorRequest.get("/items/" + i).build());
				}
				CompletableFuture<List<dev.connector.batch.BatchResult<ConnectorResponse>>> batch = payments
					.batch(requests, dev.connector.batch.BatchOptions.builder().maxConcurrency(4).build())
					.toFuture();
				assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
				context.close();
				assertThat(batch.get(5, TimeUnit.SECONDS)).hasSize(20)
					.allSatisfy((result) -> assertThat(result.error()).isInstanceOf(ConnectorException.class)
						.satisfies((error) -> assertThat(((ConnectorException) error).kind())
							.isEqualTo(FailureKind.REJECTED)));
			});
	}

	@Test
	void shutdownTimeoutDefaultsToTenSeconds() {
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> assertThat(context.getBean(ConnectorProperties.class).getShutdown().getTimeout())
				.isEqualTo(Duration.ofSeconds(10)));
	}

}
