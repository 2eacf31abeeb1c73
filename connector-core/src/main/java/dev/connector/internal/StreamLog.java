package dev.connector.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.connector.ConnectorRequest;
import dev.connector.config.ClientSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Logs the end of a stream at the client's {@code logging.level}: how it ended, how many
 * elements it delivered and how long it lasted. Its start is the logging interceptor's
 * request and response-headers lines; elements themselves are never logged.
 */
final class StreamLog {

	private static final Logger logger = LoggerFactory.getLogger("dev.connector.logging");

	private StreamLog() {
	}

	static <T> Flux<T> log(Flux<T> stream, ClientSettings settings, ConnectorRequest request, CallProgress progress,
			StreamState state, Scheduler timer, FailureTranslator redactor) {
		if (settings.logging().level() == ClientSettings.LogLevel.NONE) {
			return stream;
		}
		return Flux.defer(() -> {
			long start = timer.now(TimeUnit.NANOSECONDS);
			// before the signal goes on, so that the line is written when the subscriber hears of the end
			Consumer<String> ended = (outcome) -> {
				if (logger.isInfoEnabled()) {
					logger.info("event=connector.stream.ended client={} method={} uri={} outcome={} elements={} "
							+ "attempts={} duration_ms={}", settings.name(), request.method().name(), redactor.redact(progress.uri()),
							outcome, state.elements(), progress.attempts(),
							TimeUnit.NANOSECONDS.toMillis(timer.now(TimeUnit.NANOSECONDS) - start));
				}
			};
			return stream.doOnComplete(() -> ended.accept("completed"))
				.doOnError((error) -> ended.accept("failed error=" + error.getClass().getSimpleName()))
				.doOnCancel(() -> ended.accept("cancelled"));
		});
	}

}
