package dev.connector.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import dev.connector.ConnectorInterceptor;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.ClientSettings.LogLevel;
import dev.connector.transport.UriResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

/**
 * Logs each attempt at the client's {@code logging.level}: {@code basic} the request line,
 * status, duration and size; {@code headers} adds the headers (the client's and the
 * request's), with every {@code redact-headers} header masked; {@code body} adds bounded
 * body excerpts. Logged at INFO on the {@code dev.connector.logging} logger, as stable
 * {@code key=value} events.
 */
final class LoggingInterceptor implements ConnectorInterceptor {

	private static final Logger logger = LoggerFactory.getLogger("dev.connector.logging");

	private static final String MASK = "██";

	private final ClientSettings settings;

	private final LogLevel level;

	private final Set<String> redacted;

	private final UriResolver uris;

	private final UriRedactor redactor;

	LoggingInterceptor(ClientSettings settings) {
		this.settings = settings;
		this.level = settings.logging().level();
		this.redacted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		this.redacted.addAll(settings.logging().redactHeaders());
		AuthSettings auth = settings.auth();
		if (auth.type() == AuthSettings.Type.API_KEY && auth.apiKey().header() != null) {
			this.redacted.add(auth.apiKey().header());
		}
		this.uris = new UriResolver(settings.baseUrl());
		this.redactor = UriRedactor.of(settings);
	}

	@Override
	public Mono<ConnectorResponse> intercept(ConnectorRequest request, Chain chain) {
		if (!logger.isInfoEnabled()) {
			return chain.proceed(request);
		}
		String line = "client=" + chain.clientName() + " method=" + request.method().name() + " uri="
				+ this.redactor.redact(this.uris.resolve(request));
		StringBuilder sent = new StringBuilder("event=connector.request.sent ").append(line);
		if (this.level.compareTo(LogLevel.HEADERS) >= 0) {
			HttpHeaders headers = new HttpHeaders();
			// put per name, not putAll(Map): Framework 7's HttpHeaders is no Map
			this.settings.headers().forEach(headers::put);
			request.headers().forEach(headers::put);
			sent.append(" headers=").append(masked(headers));
		}
		if (this.level == LogLevel.BODY) {
			sent.append(" body=\"").append(requestBody(request)).append('"');
		}
		logger.info(sent.toString());
		long start = System.nanoTime();
		return chain.proceed(request).doOnSuccess((response) -> {
			StringBuilder received = new StringBuilder("event=connector.response.received ").append(line)
				.append(" status=")
				.append(response.status())
				.append(" duration_ms=")
				.append((System.nanoTime() - start) / 1_000_000)
				.append(" bytes=")
				.append(response.bodyLength());
			if (this.level.compareTo(LogLevel.HEADERS) >= 0) {
				received.append(" headers=").append(masked(response.headers()));
			}
			if (this.level == LogLevel.BODY) {
				received.append(" body=\"")
					.append(BodyExcerpt.of(response.bodyAsByteBuffer(), ConnectorResponse.charset(response.headers())))
					.append('"');
			}
			logger.info(received.toString());
		})
			.doOnError((error) -> logger.info("event=connector.request.failed {} duration_ms={} error={}", line,
					(System.nanoTime() - start) / 1_000_000, error.getClass().getSimpleName()));
	}

	private String masked(HttpHeaders headers) {
		StringBuilder text = new StringBuilder("{");
		headers.forEach((name, values) -> {
			if (text.length() > 1) {
				text.append(", ");
			}
			text.append(name).append('=');
			text.append(this.redacted.contains(name) ? MASK : String.join(",", values));
		});
		return text.append('}').toString();
	}

	private static String requestBody(ConnectorRequest request) {
		Object body = request.body();
		if (body instanceof byte[] bytes) {
			return BodyExcerpt.of(bytes, StandardCharsets.UTF_8);
		}
		if (body instanceof String text) {
			return BodyExcerpt.of(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
		}
		return (body != null) ? "(" + body.getClass().getSimpleName() + ")" : "";
	}

}
