package dev.connector.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample, processed ahead of time by Spring Boot's {@code process-aot} goal,
 * started as a user starts it with {@code java -Dspring.aot.enabled=true -jar}: its clients
 * are registered per configured name, actuator shows them, and a demo call succeeds. Runs
 * in the {@code integration-test} phase (the {@code aot-smoke} execution of the sample's
 * pom), after the jar is built.
 */
class SampleApplicationAotTest {

	private static Process application;

	private static Path log;

	private static WebTestClient client;

	@BeforeAll
	static void startAotProcessedJar() throws IOException {
		String jar = System.getProperty("sample.jar");
		assertThat(jar).as("sample.jar, set by the aot-smoke execution").isNotNull();
		assertThat(new File(jar)).exists();
		int port = freePort();
		int upstreamPort = freePort();
		log = Files.createTempFile("connector-sample-aot", ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		application = new ProcessBuilder(List.of(java, "-Dspring.aot.enabled=true", "-jar", jar,
				"--server.port=" + port, "--demo.upstream.port=" + upstreamPort))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(application.isAlive()).as("the application is running; its log:%n%s", Files.readString(log))
				.isTrue();
			assertThat(Files.readString(log)).contains("Started SampleApplication");
		});
	}

	@AfterAll
	static void stop() throws Exception {
		if (application != null) {
			application.destroy();
			if (!application.waitFor(20, TimeUnit.SECONDS)) {
				application.destroyForcibly();
			}
		}
		if (log != null) {
			Files.deleteIfExists(log);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Test
	void startsFromTheAheadOfTimeGeneratedContext() throws IOException {
		assertThat(Files.readString(log)).contains("Starting AOT-processed SampleApplication");
	}

	@Test
	void demoCallSucceedsThroughTheConnectorWithItsTraceIdsInTheLog() {
		client.get()
			.uri("/demo/quote/acme")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.symbol")
			.isEqualTo("ACME");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(Files.readString(log).lines()
				.filter((line) -> line.contains("event=connector.response.received") && line.contains("/quotes/acme")))
				.singleElement()
				.asString()
				.containsPattern("\\[[0-9a-f]{32}-[0-9a-f]{16}\\]"));
	}

	@Test
	void connectorsEndpointListsEachConfiguredClient() {
		client.get()
			.uri("/actuator/connectors")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.clients.quotes.transport")
			.isEqualTo("http")
			.jsonPath("$.clients.live.transport")
			.isEqualTo("websocket")
			.jsonPath("$.clients.quotes.auth.bearer.token")
			.isEqualTo("******");
	}

	@Test
	void healthHasAnEntryPerClient() {
		client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.connectors.components.quotes.details.transport")
			.isEqualTo("http")
			.jsonPath("$.components.connectors.components.live.details.transport")
			.isEqualTo("websocket");
	}

	@Test
	void misspelledClientKeyStillStopsStartupWhenProcessedAheadOfTime() throws Exception {
		Path typoLog = Files.createTempFile("connector-sample-aot-typo", ".log");
		try {
			String java = ProcessHandle.current().info().command().orElse("java");
			Process typo = new ProcessBuilder(List.of(java, "-Dspring.aot.enabled=true", "-jar",
					System.getProperty("sample.jar"), "--server.port=" + freePort(),
					"--demo.upstream.port=" + freePort(), "--connector.clients.quotes.tmeout=5s"))
				.redirectErrorStream(true)
				.redirectOutput(typoLog.toFile())
				.start();
			try {
				assertThat(typo.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
				assertThat(typo.exitValue()).isNotZero();
			}
			finally {
				typo.destroyForcibly();
			}
			assertThat(Files.readString(typoLog)).contains("APPLICATION FAILED TO START")
				.contains("Property: connector.clients.quotes.tmeout")
				.contains("did you mean 'timeout'?");
		}
		finally {
			Files.deleteIfExists(typoLog);
		}
	}

	@Test
	void flakyUpstreamSucceedsThroughTheClientsRetries() {
		client.get().uri("/demo/flaky").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("recovered");
	}

}
