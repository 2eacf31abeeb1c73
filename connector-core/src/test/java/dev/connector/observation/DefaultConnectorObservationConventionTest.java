package dev.connector.observation;

import java.time.Duration;

import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.FailureKind;
import io.micrometer.common.KeyValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped call convention: one overridable method per key, outcomes read from the
 * failure's kind, and exception names that are never blank.
 */
class DefaultConnectorObservationConventionTest {

	private final DefaultConnectorObservationConvention convention = new DefaultConnectorObservationConvention();

	private ConnectorObservationContext failedWith(Throwable error) {
		ConnectorObservationContext context = new ConnectorObservationContext(ConnectorObservationContext.Type.CALL,
				"payments", "http", ConnectorRequest.get("/charges").build());
		context.setError(error);
		return context;
	}

	private static ConnectorException.Builder call() {
		return ConnectorException.builder("payments");
	}

	@Test
	void anonymousExceptionClassIsTaggedWithItsFullName() {
		RuntimeException anonymous = new IllegalStateException("boom") {
		};
		KeyValue exception = this.convention.exception(failedWith(anonymous));
		assertThat(exception.getValue()).isEqualTo(anonymous.getClass().getName()).isNotBlank();
	}

	@Test
	void namedExceptionClassIsTaggedWithItsSimpleName() {
		assertThat(this.convention.exception(failedWith(call().timeout("late", Duration.ofSeconds(1)))).getValue())
			.isEqualTo("ConnectorTimeoutException");
	}

	@Test
	void outcomeFollowsTheFailuresKind() {
		assertThat(this.convention.outcome(failedWith(call().transport("reset", false))).getValue())
			.isEqualTo("TRANSPORT_ERROR");
		assertThat(this.convention.outcome(failedWith(call().failure("closed", FailureKind.REJECTED))).getValue())
			.isEqualTo("REJECTED");
		assertThat(this.convention.outcome(failedWith(call().response(503, null, "", null))).getValue())
			.isEqualTo("SERVER_ERROR");
		assertThat(this.convention.outcome(failedWith(new IllegalStateException())).getValue()).isEqualTo("UNKNOWN");
	}

	@Test
	void aSubclassReplacesOneKeyAndKeepsTheOthers() {
		DefaultConnectorObservationConvention byTenant = new DefaultConnectorObservationConvention() {

			@Override
			protected KeyValue client(ConnectorObservationContext context) {
				return KeyValue.of("client", "tenant-" + context.getClientName());
			}

		};
		ConnectorObservationContext context = failedWith(call().transport("reset", false));
		assertThat(byTenant.getLowCardinalityKeyValues(context)).contains(KeyValue.of("client", "tenant-payments"),
				KeyValue.of("outcome", "TRANSPORT_ERROR"), KeyValue.of("method", "GET"));
	}

}
