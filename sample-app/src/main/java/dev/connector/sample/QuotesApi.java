package dev.connector.sample;

import dev.connector.autoconfigure.ImportConnectorServices;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The demo upstream's quotes, as a declarative interface: each call is a call of the
 * {@code quotes} client, with its retries, deadline, authentication and observation, and is
 * timed under the route {@code /quotes/{symbol}}.
 */
@HttpExchange("/quotes")
public interface QuotesApi {

	@GetExchange("/{symbol}")
	Mono<Quote> quote(@PathVariable String symbol);

	/**
	 * Registers {@link QuotesApi} for the {@code quotes} client.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportConnectorServices(client = "quotes", types = QuotesApi.class)
	class Registration {

	}

}
