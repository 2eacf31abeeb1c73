package dev.connector.internal;

import java.util.List;
import java.util.stream.Stream;

import dev.connector.BlockingConnector;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.batch.BatchOptions;
import dev.connector.batch.BatchResult;

import org.springframework.core.ParameterizedTypeReference;

/**
 * The blocking view: each method subscribes to the reactive call and waits for it. The wait
 * is bounded by the call's own deadline.
 */
final class DefaultBlockingConnector implements BlockingConnector {

	/** Elements read ahead of a blocking stream's consumer: few, so the socket waits for it. */
	private static final int STREAM_PREFETCH = 16;

	private final Connector connector;

	DefaultBlockingConnector(Connector connector) {
		this.connector = connector;
	}

	@Override
	public ConnectorResponse request(ConnectorRequest request) {
		return this.connector.request(request).block();
	}

	@Override
	public <T> T request(ConnectorRequest request, Class<T> type) {
		return this.connector.request(request, type).block();
	}

	@Override
	public <T> T request(ConnectorRequest request, ParameterizedTypeReference<T> type) {
		return this.connector.request(request, type).block();
	}

	@Override
	public List<BatchResult<ConnectorResponse>> batch(List<ConnectorRequest> requests, BatchOptions options) {
		return this.connector.batch(requests, options).block();
	}

	@Override
	public <T> Stream<T> stream(ConnectorRequest request, Class<T> type) {
		return this.connector.stream(request, type).toStream(STREAM_PREFETCH);
	}

	@Override
	public <T> Stream<T> stream(ConnectorRequest request, ParameterizedTypeReference<T> type) {
		return this.connector.stream(request, type).toStream(STREAM_PREFETCH);
	}

}
