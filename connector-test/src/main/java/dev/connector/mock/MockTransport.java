package dev.connector.mock;

import java.io.ByteArrayOutputStream;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connector.config.ClientSettings;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportRequest;
import dev.connector.transport.TransportResponse;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The transport of one client bound to a {@link ConnectorMockServer}: it records each
 * request as the network would carry it and answers from the server's expectations. Holds
 * nothing of a call in a field.
 */
final class MockTransport implements Transport {

	private final ConnectorMockServer server;

	private final ClientSettings settings;

	private final ObjectMapper mapper;

	MockTransport(ConnectorMockServer server, ClientSettings settings, ObjectMapper mapper) {
		this.server = server;
		this.settings = settings;
		this.mapper = mapper;
	}

	@Override
	public Mono<TransportResponse> send(TransportRequest request) {
		return bodyText(request.body()).map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.flatMap((body) -> answer(record(request, body.orElse(null))));
	}

	private RecordedRequest record(TransportRequest request, String body) {
		URI uri = request.uri();
		Map<String, List<String>> query = new LinkedHashMap<>();
		MultiValueMap<String, String> params = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
		params.forEach((name, values) -> query.put(decode(name),
				values.stream().map((value) -> (value != null) ? decode(value) : "").toList()));
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(this.settings.headers());
		request.headers().forEach(headers::put);
		String path = (uri.getPath() != null && !uri.getPath().isEmpty()) ? uri.getPath() : "/";
		return new RecordedRequest(this.settings.name(), request.method(), path, Collections.unmodifiableMap(query),
				HttpHeaders.readOnlyHttpHeaders(headers), body);
	}

	private static String decode(String value) {
		return UriUtils.decode(value, StandardCharsets.UTF_8);
	}

	private Mono<TransportResponse> answer(RecordedRequest request) {
		MockResponse response;
		try {
			response = this.server.answer(request);
		}
		catch (AssertionError unexpected) {
			return Mono.error(unexpected);
		}
		Mono<TransportResponse> answer = response.isReset()
				? Mono.error(new SocketException("Connection reset (scripted by ConnectorMockServer)"))
				: Mono.fromCallable(() -> toTransportResponse(response));
		return response.delayDuration().isZero() ? answer : Mono.delay(response.delayDuration()).then(answer);
	}

	private TransportResponse toTransportResponse(MockResponse response) throws JsonProcessingException {
		byte[] bytes;
		Object body = response.body();
		if (body == null) {
			bytes = null;
		}
		else if (response.isJson()) {
			bytes = this.mapper.writeValueAsBytes(body);
		}
		else if (body instanceof byte[] raw) {
			bytes = raw.clone();
		}
		else {
			bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		}
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(response.headers());
		Flux<DataBuffer> chunks = Flux.empty();
		if (bytes != null) {
			headers.setContentLength(bytes.length);
			chunks = Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
		}
		return new TransportResponse(response.statusCode(), headers, chunks);
	}

	/** The request body as text, read without blocking; empty for no body. */
	private Mono<String> bodyText(Object body) {
		if (body == null) {
			return Mono.empty();
		}
		if (body instanceof Publisher<?> publisher) {
			return Flux.from(publisher).concatMap((element) -> Mono.fromCallable(() -> bytes(element)))
				.collect(ByteArrayOutputStream::new, (out, bytes) -> out.writeBytes(bytes))
				.map((out) -> out.toString(StandardCharsets.UTF_8));
		}
		return Mono.fromCallable(() -> new String(bytes(body), StandardCharsets.UTF_8));
	}

	private byte[] bytes(Object body) throws JsonProcessingException {
		if (body instanceof CharSequence text) {
			return text.toString().getBytes(StandardCharsets.UTF_8);
		}
		if (body instanceof byte[] raw) {
			return raw;
		}
		if (body instanceof DataBuffer buffer) {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}
		return this.mapper.writeValueAsBytes(body);
	}

}
