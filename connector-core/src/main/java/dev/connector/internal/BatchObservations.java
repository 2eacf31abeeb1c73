package dev.connector.internal;

import dev.connector.ConnectorResponse;
import dev.connector.batch.BatchOptions;
import dev.connector.batch.BatchResult;
import dev.connector.observation.ConnectorBatchObservationContext;
import dev.connector.observation.ConnectorBatchObservationConvention;
import dev.connector.observation.ConnectorObservationDocumentation;
import dev.connector.observation.DefaultConnectorBatchObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

/**
 * Observes one client's batches as {@code connector.batch}, the parent of each of its
 * calls.
 */
final class BatchObservations {

	private static final DefaultConnectorBatchObservationConvention DEFAULT_BATCH_CONVENTION = new DefaultConnectorBatchObservationConvention();

	private final ObservationRegistry registry;

	private final ConnectorBatchObservationConvention convention;

	private final String clientName;

	BatchObservations(ObservationRegistry registry, ConnectorBatchObservationConvention convention,
			String clientName) {
		this.registry = registry;
		this.convention = convention;
		this.clientName = clientName;
	}

	Flux<BatchResult<ConnectorResponse>> observe(Flux<BatchResult<ConnectorResponse>> results, BatchOptions options) {
		return Flux.deferContextual((reactorContext) -> {
			ConnectorBatchObservationContext context = new ConnectorBatchObservationContext(this.clientName,
					options.failFast());
			Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			Observation observation = GuardedObservations.start(ConnectorObservationDocumentation.BATCH
				.observation(this.convention, DEFAULT_BATCH_CONVENTION, () -> context, this.registry)
				.parentObservation((parent != null) ? parent : this.registry.getCurrentObservation()));
			return results.doOnNext((result) -> context.recordResult(result.isSuccess()))
				.doOnComplete(() -> GuardedObservations.stop(observation, null))
				.doOnError((error) -> GuardedObservations.stop(observation, error))
				.doOnCancel(() -> {
					context.setCancelled();
					GuardedObservations.stop(observation, null);
				})
				.contextWrite((written) -> written.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

}
