package dev.connector.resilience;

import java.time.Duration;

import dev.connector.ConfigurationException;
import dev.connector.Connector;
import dev.connector.config.ClientSettings;
import dev.connector.test.EachHttpTransport;
import dev.connector.test.HttpTransportUnderTest;
import dev.connector.transport.TransportFactory;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How a client's Resilience4j instances enter and leave the application's registries: they
 * never replace an instance of the application's own, a failed build leaves none behind,
 * and closing the client removes them.
 */
class ClientResilienceRegistrationTest {

	private final ResilienceRegistries registries = ResilienceRegistries.ofDefaults();

	private Connector.Builder payments(HttpTransportUnderTest transport) {
		return transport.builder("payments")
			.settings((s) -> s.baseUrl("http://127.0.0.1:1"))
			.resilienceRegistries(this.registries);
	}

	@EachHttpTransport
	void anInstanceOfTheApplicationsOwnIsNeverReplaced(HttpTransportUnderTest transport) {
		Retry own = this.registries.retries().retry("payments", RetryConfig.custom().maxAttempts(7).build());
		ConfigurationException error = catchThrowableOfType(ConfigurationException.class,
				() -> payments(transport).build());
		assertThat(error.getProperty()).isEqualTo("retry");
		assertThat(error).hasMessageContaining("'payments' already exists in resilience4j.retry.instances");
		assertThat(this.registries.retries().find("payments")).containsSame(own);
	}

	@Test
	void aBuildWhoseTransportFailsRegistersNothing() {
		TransportFactory broken = new TransportFactory() {

			@Override
			public String type() {
				return "broken";
			}

			@Override
			public dev.connector.transport.Transport create(ClientSettings settings) {
				throw new ConfigurationException(settings.name(), "transport", "cannot be created", "Fix it.");
			}

		};
		catchThrowableOfType(ConfigurationException.class, () -> Connector.builder("payments")
			.settings((s) -> s.baseUrl("http://127.0.0.1:1"))
			.resilienceRegistries(this.registries)
			.transportFactory(broken)
			.build());
		assertThat(this.registries.retries().getAllRetries()).isEmpty();
		assertThat(this.registries.timeLimiters().getAllTimeLimiters()).isEmpty();
	}

	@EachHttpTransport
	void aBuildWhoseLaterInstanceIsInvalidRegistersNothing(HttpTransportUnderTest transport) {
		this.registries.bulkheads()
			.addConfiguration("waiting", BulkheadConfig.custom().maxWaitDuration(Duration.ofSeconds(1)).build());
		ConfigurationException error = catchThrowableOfType(ConfigurationException.class,
				() -> payments(transport).settings((s) -> s.attemptTimeout(Duration.ofSeconds(1))
					.bulkhead(new ClientSettings.BulkheadSettings(true, 10, "waiting")))
					.build());
		assertThat(error.getProperty()).isEqualTo("bulkhead.instance");
		assertThat(this.registries.retries().getAllRetries()).isEmpty();
		assertThat(this.registries.timeLimiters().getAllTimeLimiters()).isEmpty();
	}

	@EachHttpTransport
	void closingTheClientRemovesItsInstancesSoTheNameCanBeBuiltAgain(HttpTransportUnderTest transport) {
		Connector first = payments(transport).settings((s) -> s.attemptTimeout(Duration.ofSeconds(1))).build();
		assertThat(this.registries.retries().find("payments")).isPresent();
		assertThat(this.registries.timeLimiters().find("payments")).isPresent();
		first.close();
		assertThat(this.registries.retries().find("payments")).isEmpty();
		assertThat(this.registries.timeLimiters().find("payments")).isEmpty();
		try (Connector second = payments(transport).build()) {
			assertThat(this.registries.retries().find("payments")).isPresent();
		}
	}

	@EachHttpTransport
	void aSecondOpenClientOfTheSameNameIsRefused(HttpTransportUnderTest transport) {
		try (Connector first = payments(transport).build()) {
			ConfigurationException error = catchThrowableOfType(ConfigurationException.class,
					() -> payments(transport).build());
			assertThat(error.getAction()).contains("close the other client of that name first");
			assertThat(first.settings().name()).isEqualTo("payments");
		}
	}

}
