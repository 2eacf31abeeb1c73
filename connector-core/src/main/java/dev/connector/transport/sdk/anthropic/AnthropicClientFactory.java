package dev.connector.transport.sdk.anthropic;

import java.util.Optional;

import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.Headers;
import com.anthropic.errors.AnthropicServiceException;
import dev.connector.ConfigurationException;
import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;
import dev.connector.transport.sdk.SdkClientFactory;
import dev.connector.transport.sdk.SdkErrorResponse;
import dev.connector.transport.sdk.SdkTimeouts;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpHeaders;

/**
 * Builds the official Anthropic Java SDK's {@link AnthropicClientAsync} ({@code com.anthropic:anthropic-java})
 * for clients with {@code sdk.provider: anthropic}: the base URL, the API key
 * ({@code auth.api-key.value}, or {@code auth.bearer.token}), the client's headers, its
 * connect timeout and {@link SdkTimeouts}, and no retries of the SDK's own. Given an
 * application's own client, derives each Connector client's from it instead: with its
 * credentials, its retries off, the client's timeouts and headers, and the client's base
 * URL when one is set.
 *
 * @since 0.1.0
 */
public final class AnthropicClientFactory implements SdkClientFactory<AnthropicClientAsync> {

	/** The provider name, for {@code sdk.provider}. */
	public static final String PROVIDER = "anthropic";

	private final AnthropicClientAsync base;

	/**
	 * Create a factory that builds each client from its settings alone.
	 */
	public AnthropicClientFactory() {
		this(null);
	}

	/**
	 * Create a factory that derives each client from an application's own.
	 * @param base the application's client, or {@code null} to build from settings alone;
	 * its owner closes it
	 */
	public AnthropicClientFactory(AnthropicClientAsync base) {
		this.base = base;
	}

	@Override
	public String provider() {
		return PROVIDER;
	}

	@Override
	public Class<AnthropicClientAsync> clientType() {
		return AnthropicClientAsync.class;
	}

	@Override
	public AnthropicClientAsync create(ClientSettings settings) {
		SdkTimeouts timeouts = SdkTimeouts.of(settings);
		Timeout timeout = Timeout.builder()
			.connect(timeouts.connect())
			.read(timeouts.read())
			.write(timeouts.read())
			.request(timeouts.request())
			.build();
		if (this.base != null) {
			return this.base.withOptions((options) -> {
				options.maxRetries(0).timeout(timeout);
				// per name: Framework 7's HttpHeaders is no Map
				settings.headers().forEach(options::putHeaders);
				if (settings.baseUrl() != null) {
					options.baseUrl(settings.baseUrl().toString());
				}
			});
		}
		Secret key = SdkClientFactory.apiKey(settings);
		if (key == null) {
			throw new ConfigurationException(settings.name(), "auth.api-key.value",
					"an sdk client of provider anthropic needs the API key, and none is set",
					"Set auth.api-key.value (for example to ${ANTHROPIC_API_KEY}), or declare an AnthropicClientAsync bean.");
		}
		AnthropicOkHttpClientAsync.Builder builder = AnthropicOkHttpClientAsync.builder()
			.apiKey(key.reveal())
			.maxRetries(0)
			.timeout(timeout);
		// per name: Framework 7's HttpHeaders is no Map
		settings.headers().forEach(builder::putHeaders);
		if (settings.baseUrl() != null) {
			builder.baseUrl(settings.baseUrl().toString());
		}
		return builder.build();
	}

	/**
	 * Close a client this factory built; one derived from the application's own shares its
	 * connections, and is left to the application.
	 */
	@Override
	public void close(AnthropicClientAsync client) {
		if (this.base == null) {
			client.close();
		}
	}

	@Override
	public SdkErrorResponse errorResponse(Throwable failure) {
		if (failure instanceof AnthropicServiceException service) {
			return new SdkErrorResponse(service.statusCode(), headers(service.headers()),
					String.valueOf(service.body()));
		}
		return null;
	}

	@Override
	public Flux<?> stream(Object response) {
		if (response instanceof AsyncStreamResponse<?> stream) {
			return flux(stream);
		}
		return SdkClientFactory.super.stream(response);
	}

	private static <T> Flux<T> flux(AsyncStreamResponse<T> response) {
		return Flux.create((sink) -> {
			// on cancel, and once the stream ended: the SDK's close is idempotent
			sink.onDispose(response::close);
			response.subscribe(new AsyncStreamResponse.Handler<T>() {

				@Override
				public void onNext(T value) {
					sink.next(value);
				}

				@Override
				public void onComplete(Optional<Throwable> error) {
					error.ifPresentOrElse(sink::error, sink::complete);
				}

			});
		});
	}

	private static HttpHeaders headers(Headers headers) {
		HttpHeaders converted = new HttpHeaders();
		for (String name : headers.names()) {
			converted.addAll(name, headers.values(name));
		}
		return converted;
	}

}
