package dev.connector.autoconfigure;

import dev.connector.ClientErrorException;
import dev.connector.Connector;
import dev.connector.ConnectorRequest;
import dev.connector.config.ClientSettings;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.TransportResponse;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The README's custom transport, as written there: a {@code TransportFactory} bean serves
 * a client configured with its type, with no other wiring, and its answers get the
 * client's decoding and errors.
 */
class CustomTransportFactoryTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.jackson());

	@Test
	void readmeFixtureTransportServesAClientConfiguredWithItsType() {
		this.contextRunner.withUserConfiguration(FixtureTransportConfiguration.class)
			.withPropertyValues("connector.clients.catalog.transport=fixture")
			.run((context) -> {
				Connector catalog = context.getBean("catalog", Connector.class);
				assertThat(catalog.blocking().request(ConnectorRequest.get("/products/42").build(), Product.class))
					.isEqualTo(new Product(42, "Anvil"));
				assertThatExceptionOfType(ClientErrorException.class)
					.isThrownBy(() -> catalog.blocking().request(ConnectorRequest.get("/products/43").build()))
					.satisfies((error) -> assertThat(error.getStatus()).isEqualTo(404));
			});
	}

	record Product(int id, String name) {
	}

	@Configuration(proxyBeanMethods = false)
	static class FixtureTransportConfiguration {

		@Bean
		TransportFactory fixtureTransportFactory() {
			return new TransportFactory() {

				@Override
				public String type() {
					return "fixture";
				}

				@Override
				public Transport create(ClientSettings settings) {
					return (request) -> Mono.fromSupplier(() -> {
						// GET /products/42 answers with classpath:fixtures/products/42.json
						Resource file = new ClassPathResource("fixtures" + request.uri().getPath() + ".json");
						if (!file.exists()) {
							return new TransportResponse(404, new HttpHeaders(), Flux.empty());
						}
						HttpHeaders headers = new HttpHeaders();
						headers.setContentType(MediaType.APPLICATION_JSON);
						return new TransportResponse(200, headers,
								DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance, 4096));
					}).subscribeOn(Schedulers.boundedElastic()); // file look-ups block: off the event loop
				}

			};
		}

	}

}
