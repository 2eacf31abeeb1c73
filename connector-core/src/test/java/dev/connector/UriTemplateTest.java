package dev.connector;

import java.util.Map;

import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.test.LoopbackServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AutoClose;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * URI templates: expanded and encoded on the wire, and named by their template, not by
 * their ids, in the {@code connector.request} timer.
 */
class UriTemplateTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AutoClose
	private final LoopbackServer server = LoopbackServer
		.start((request, response) -> response.sendString(Mono.just("{}")));

	@AutoClose
	private final Connector payments;

	UriTemplateTest(HttpTransportUnderTest transport) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		this.payments = transport.builder("payments")
			.settings((settings) -> settings.baseUrl(this.server.baseUrl()))
			.observationRegistry(observations)
			.build();
	}

	@EachHttpTransport
	void variablesAreExpandedInOrderAndEncodedStrictly() {
		this.payments.blocking()
			.request(ConnectorRequest.get("/payments/{id}/notes/{note}", "a b/c", "ü?").query("page", 2).build());
		assertThat(this.server.lastRequest().uri()).isEqualTo("/payments/a%20b%2Fc/notes/%C3%BC%3F?page=2");
	}

	@EachHttpTransport
	void variablesAreExpandedByName() {
		ConnectorRequest request = ConnectorRequest.get("/payments/{id}?expand={field}", Map.of("id", 42, "field", "a&b"))
			.build();
		this.payments.blocking().request(request);
		assertThat(this.server.lastRequest().uri()).isEqualTo("/payments/42?expand=a%26b");
		assertThat(request.uriTemplate()).isEqualTo("/payments/{id}?expand={field}");
		assertThat(request.path()).isEqualTo("/payments/42?expand=a%26b");
	}

	@EachHttpTransport
	void aMissingVariableFailsWhenTheRequestIsBuilt() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectorRequest.get("/payments/{id}", Map.of()));
	}

	@EachHttpTransport
	void thousandIdsOfOneRouteMakeOneTimerTaggedWithTheTemplate() {
		Flux.range(0, 1000)
			.flatMap((id) -> this.payments.request(ConnectorRequest.get("/payments/{id}", id).build()), 16)
			.blockLast();
		assertThat(this.server.requests()).hasSize(1000);
		assertThat(this.meters.find("connector.request").timers()).singleElement().satisfies((timer) -> {
			assertThat(timer.getId().getTag("uri")).isEqualTo("/payments/{id}");
			assertThat(timer.count()).isEqualTo(1000);
		});
	}

	@EachHttpTransport
	void theRouteIsTheTemplatesPathWithoutItsQuery() {
		this.payments.blocking().request(ConnectorRequest.get("/payments/{id}?expand={field}", 1, "notes").build());
		assertThat(this.meters.get("connector.request").timer().getId().getTag("uri")).isEqualTo("/payments/{id}");
	}

	@EachHttpTransport
	void aPlainPathKeepsTheUriTagNone() {
		this.payments.blocking().request(ConnectorRequest.get("/payments/42").build());
		Timer timer = this.meters.get("connector.request").timer();
		assertThat(timer.getId().getTag("uri")).isEqualTo("none");
	}

	@EachHttpTransport
	void aPlainPathIsStillEncodedAsBefore() {
		this.payments.blocking().request(ConnectorRequest.get("/a b").build());
		assertThat(this.server.lastRequest().uri()).isEqualTo("/a%20b");
	}

}
