package com.example.payments;

import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import reactor.core.publisher.Mono;

/**
 * A user's service that calls the {@code payments} client: what a user's test exercises.
 */
public class PaymentsService {

	private final Connector payments;

	public PaymentsService(Connector payments) {
		this.payments = payments;
	}

	public Mono<Charge> charge(String id) {
		return this.payments.request(ConnectorRequest.get("/charges/" + id)
			.query("expand", "customer")
			.header("X-Tenant", "acme")
			.build(), Charge.class);
	}

	public Mono<Charge> create(Charge charge) {
		return this.payments.request(ConnectorRequest.post("/charges").body(charge).build(), Charge.class);
	}

}
