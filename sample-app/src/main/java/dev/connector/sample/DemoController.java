package dev.connector.sample;

import java.util.List;
import java.util.Map;

import dev.connector.Connector;
import dev.connector.ConnectorException;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorTimeoutException;
import dev.connector.ResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that call the demo upstream through the injected {@link Connector}.
 */
@RestController
class DemoController {

	private final Connector quotes;

	private final Connector live;

	private final QuotesApi quotesApi;

	DemoController(Connector quotes, @Qualifier("live") Connector live, QuotesApi quotesApi) {
		this.quotes = quotes;
		this.live = live;
		this.quotesApi = quotesApi;
	}

	/** One call, decoded into a record, through the declarative {@link QuotesApi}. */
	@GetMapping("/demo/quote/{symbol}")
	Mono<Quote> quote(@PathVariable String symbol) {
		return this.quotesApi.quote(symbol);
	}

	/** Several calls in parallel. */
	@GetMapping("/demo/quotes")
	Flux<Quote> quotes(@RequestParam(defaultValue = "ACME,GLOBEX,INITECH") List<String> symbols) {
		return Flux.fromIterable(symbols).flatMapSequential(this::quote, 4);
	}

	/** An upstream that fails twice out of three: retries turn it into a success. */
	@GetMapping("/demo/flaky")
	Mono<String> flaky() {
		return this.quotes.request(ConnectorRequest.get("/flaky").build(), String.class);
	}

	/** An upstream slower than this call's one-second deadline. */
	@GetMapping("/demo/slow")
	Mono<String> slow() {
		return this.quotes.request(ConnectorRequest.get("/slow").timeout(java.time.Duration.ofSeconds(1)).build(),
				String.class);
	}

	/** A stream of quotes relayed, event by event, from the upstream's event stream. */
	@GetMapping(path = "/demo/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<Quote> ticks() {
		return this.quotes.stream(ConnectorRequest.get("/ticks").build(), Quote.class);
	}

	/** One message over a WebSocket, answered by the first quote the upstream sends back. */
	@GetMapping("/demo/live/{symbol}")
	Mono<Quote> live(@PathVariable String symbol) {
		return this.live.request(ConnectorRequest.get("").body(symbol).build(), Quote.class);
	}

	/** Every quote the upstream's WebSocket sends for a symbol, relayed as they arrive. */
	@GetMapping(path = "/demo/live/{symbol}/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<Quote> liveTicks(@PathVariable String symbol) {
		return this.live.stream(ConnectorRequest.get("").body(symbol).build(), Quote.class);
	}

	@ExceptionHandler(ConnectorException.class)
	ResponseEntity<Map<String, Object>> upstreamFailed(ConnectorException ex) {
		HttpStatus status = (ex instanceof ConnectorTimeoutException) ? HttpStatus.GATEWAY_TIMEOUT
				: HttpStatus.BAD_GATEWAY;
		Map<String, Object> body = Map.of("error", ex.getClass().getSimpleName(), "client", ex.getClientName(),
				"attempts", ex.getAttempts(), "upstreamStatus",
				(ex instanceof ResponseException response) ? response.getStatus() : 0, "message", ex.getMessage());
		return ResponseEntity.status(status).body(body);
	}

}
