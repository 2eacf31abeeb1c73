package dev.connector.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.connector.ConfigurationException;
import dev.connector.Connector;
import dev.connector.ConnectorRegistry;
import dev.connector.ConnectorRequest;
import dev.connector.ConnectorResponse;
import dev.connector.ConnectorTimeoutException;
import dev.connector.config.ClientSettings;
import dev.connector.test.LoopbackServer;
import dev.connector.transport.Transport;
import dev.connector.transport.TransportFactory;
import dev.connector.transport.TransportResponse;
import dev.connector.transport.http.HttpTransportFactory;
import dev.connector.transport.netty.NettyTransportFactory;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Wiring of {@link ConnectorAutoConfiguration}: beans per client, qualifiers, the registry,
 * back-off, customizers, property resolution and the close of transports.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectorAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectorAutoConfiguration.class))
		.withConfiguration(BootLine.webClient())
		.withConfiguration(BootLine.jackson());

	/** The application's {@code WebClientCustomizer}: WebClient's default headers. */
	private static final Function<ApplicationContextRunner, ApplicationContextRunner> TEAM_HEADER = BootLine
		.webClientCustomizer((builder) -> builder.defaultHeader("X-Team", "platform").defaultHeader("X-Caller", "customizer"));

	@AutoClose
	private LoopbackServer server;


	private LoopbackServer echoHeaders() {
		this.server = LoopbackServer.start((request, response) -> response
			.sendString(Mono.just(request.headers().get("X-Caller", "") + "|" + request.headers().get("X-Team", ""))));
		return this.server;
	}

	@Test
	void withoutClientsThereIsNoConnectorButAnEmptyRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(Connector.class);
			assertThat(context.getBean(ConnectorRegistry.class).names()).isEmpty();
		});
	}

	@Test
	void eachClientIsABeanNamedAndQualifiedByItsName() {
		this.contextRunner.withUserConfiguration(QualifiedInjection.class)
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.clients.quotes.base-url=http://127.0.0.1:2")
			.run((context) -> {
				assertThat(context.getBeansOfType(Connector.class)).containsOnlyKeys("payments", "quotes");
				assertThat(context.getBean("payments", Connector.class).name()).isEqualTo("payments");
				assertThat(context.getBean(QualifiedInjection.Holder.class).quotes().name()).isEqualTo("quotes");
			});
	}

	@Test
	void clientBeansAreCreatedByTheFactoryBeanSoAotCanGenerateThem() {
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> {
				BeanDefinition definition = context.getBeanFactory().getBeanDefinition("payments");
				// an instance supplier is code Spring AOT cannot write out; a factory method is
				assertThat(((AbstractBeanDefinition) definition).getInstanceSupplier()).isNull();
				assertThat(definition.getFactoryBeanName()).isEqualTo("connectorFactory");
				assertThat(definition.getFactoryMethodName()).isEqualTo("create");
				assertThat(context.getBean("payments", Connector.class).name()).isEqualTo("payments");
			});
	}

	@Test
	void leavesReactorsJvmWideContextPropagationHookToSpringBoot() {
		Hooks.disableAutomaticContextPropagation();
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasSingleBean(Connector.class);
				assertThat(Hooks.isAutomaticContextPropagationEnabled()).isFalse();
			});
	}

	@Test
	void deprecatedContextPropagationKeyIsReportedWithItsReplacement(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.observation.context-propagation=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("event=connector.config.deprecated "
						+ "key=connector.observation.context-propagation replacement=spring.reactor.context-propagation");
			});
	}

	@Test
	void onlyClientBacksTheUnqualifiedConnector() {
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> assertThat(context.getBean(Connector.class).name()).isEqualTo("payments"));
	}

	@Test
	void defaultClientBacksTheUnqualifiedConnector() {
		this.contextRunner
			.withPropertyValues("connector.default-client=quotes",
					"connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.clients.quotes.base-url=http://127.0.0.1:2")
			.run((context) -> assertThat(context.getBean(Connector.class).name()).isEqualTo("quotes"));
	}

	@Test
	void registryFindsClientsByNameAndNamesUnknownOnes() {
		this.contextRunner
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1",
					"connector.clients.quotes.base-url=http://127.0.0.1:2")
			.run((context) -> {
				ConnectorRegistry registry = context.getBean(ConnectorRegistry.class);
				assertThat(registry.names()).containsExactly("payments", "quotes");
				assertThat(registry.get("quotes")).isSameAs(context.getBean("quotes"));
				assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> registry.get("orders"))
					.withMessageContaining("no client named 'orders'")
					.withMessageContaining("[payments, quotes]");
			});
	}

	@Test
	void userDefinedClientBeanWinsAndIsWhatTheRegistryReturns() {
		this.contextRunner.withUserConfiguration(UserPaymentsConnector.class)
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasSingleBean(Connector.class);
				Connector payments = context.getBean(ConnectorRegistry.class).get("payments");
				assertThat(payments.settings().baseUrl()).hasToString("http://127.0.0.1:9");
			});
	}

	@Test
	void beanOfAnotherTypeNamedLikeAClientFailsStartupNamingBoth() {
		this.contextRunner.withUserConfiguration(PaymentsServiceBean.class)
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("connector.clients.payments")
				.hasMessageContaining("bean named 'payments'")
				.hasMessageContaining(PaymentsService.class.getName())
				.hasMessageContaining("Rename the bean or the client"));
	}

	@Test
	void componentOfAnotherTypeNamedLikeAClientFailsStartup() {
		this.contextRunner.withUserConfiguration(PaymentsService.class)
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(ConfigurationException.class)
				.hasMessageContaining("bean named 'payments'")
				.hasMessageContaining(PaymentsService.class.getName()));
	}

	@Test
	void beanDeclaredAsASupertypeOfConnectorIsLeftToTheApplication() {
		this.contextRunner.withUserConfiguration(UserPaymentsConnectorAsObject.class)
			.withPropertyValues("connector.clients.payments.base-url=http://127.0.0.1:1")
			.run((context) -> assertThat(context.getBean(ConnectorRegistry.class).get("payments").settings().baseUrl())
				.hasToString("http://127.0.0.1:9"));
	}

	@Test
	void userTransportFactoryIsUsedByAClientConfiguredWithItsType() {
		this.contextRunner.withUserConfiguration(CannedTransport.class)
			.withPropertyValues("connector.clients.ledger.transport=canned")
			.run((context) -> {
				ConnectorResponse response = context.getBean(Connector.class)
					.blocking()
					.request(ConnectorRequest.get("/balance").build());
				assertThat(response.bodyAsString()).isEqualTo("canned GET /balance");
			});
	}

	@Test
	void userHttpTransportFactoryReplacesTheShippedOne() {
		this.contextRunner.withUserConfiguration(UserHttpTransportFactory.class).run((context) -> {
			assertThat(context).hasSingleBean(HttpTransportFactory.class);
			assertThat(context.getBean(HttpTransportFactory.class))
				.isSameAs(context.getBean(UserHttpTransportFactory.class).factory);
		});
	}

	@Test
	void httpClientsStartFromBootsWebClientBuilderAndTheirHeadersApplyAfter() {
		echoHeaders();
		this.contextRunner.with(TEAM_HEADER)
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.headers.X-Caller=orders-service")
			.run((context) -> {
				String body = context.getBean(Connector.class)
					.blocking()
					.request(ConnectorRequest.get("/").build())
					.bodyAsString();
				assertThat(body).isEqualTo("orders-service|platform");
			});
	}

	@Test
	void nettyClientsWriteBodiesWithBootsCodecsAndSendTheirHeadersButNoWebClientCustomizer() {
		this.server = LoopbackServer.start((request, response) -> response.sendString(Mono.just(request.body()
				+ "|" + request.headers().get("X-Caller", "") + "|" + request.headers().get("X-Team", ""))));
		this.contextRunner.with(TEAM_HEADER)
			.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE",
					"connector.clients.payments.transport=netty",
					"connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.payments.headers.X-Caller=orders-service")
			.run((context) -> {
				assertThat(context).hasSingleBean(NettyTransportFactory.class);
				String body = context.getBean(Connector.class)
					.blocking()
					.request(ConnectorRequest.post("/").body(new Charge(5, "EUR")).build())
					.bodyAsString();
				// the WebClientCustomizer's X-Team header is WebClient's, which netty clients do not use
				assertThat(body).isEqualTo("{\"amount_in_cents\":5,\"currency\":\"EUR\"}|orders-service|");
			});
	}

	record Charge(int amountInCents, String currency) {
	}

	@Test
	void connectorCustomizersAndInterceptorBeansApplyToEveryClient() {
		echoHeaders();
		this.contextRunner.withUserConfiguration(CustomizerAndInterceptor.class)
			.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl(),
					"connector.clients.quotes.base-url=" + this.server.baseUrl())
			.run((context) -> {
				for (String name : Set.of("payments", "quotes")) {
					String body = context.getBean(name, Connector.class)
						.blocking()
						.request(ConnectorRequest.get("/").build())
						.bodyAsString();
					assertThat(body).isEqualTo("customized-" + name + "|intercepted");
				}
			});
	}

	@Test
	void clientValuesOverrideDefaultsKeyByKeyAndListsAreReplacedWhole() {
		this.contextRunner
			.withPropertyValues("connector.defaults.timeout=5s", "connector.defaults.headers.X-Caller=orders",
					"connector.defaults.retry.max-attempts=4", "connector.defaults.retry.retry-on-status=503,504",
					"connector.defaults.batch.max-concurrency=32", "connector.clients.quotes.batch.max-concurrency=4",
					"connector.clients.payments.base-url=http://127.0.0.1:1", "connector.clients.payments.timeout=2s",
					"connector.clients.payments.headers.X-Team=checkout",
					"connector.clients.payments.retry.retry-on-status=429",
					"connector.clients.quotes.base-url=http://127.0.0.1:2")
			.run((context) -> {
				Map<String, ClientSettings> settings = context.getBean(ConnectorFactory.class).settings();
				ClientSettings payments = settings.get("payments");
				ClientSettings quotes = settings.get("quotes");
				assertThat(payments.timeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(quotes.timeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(payments.headers().toSingleValueMap()).containsOnly(Map.entry("X-Caller", "orders"),
						Map.entry("X-Team", "checkout"));
				assertThat(payments.retry().maxAttempts()).isEqualTo(4);
				assertThat(payments.retry().retryOnStatus()).containsExactly(429);
				assertThat(quotes.retry().retryOnStatus()).containsExactlyInAnyOrder(503, 504);
				assertThat(quotes.connectTimeout()).isEqualTo(ClientSettings.DEFAULT_CONNECT_TIMEOUT);
				assertThat(payments.batch().maxConcurrency()).isEqualTo(32);
				assertThat(quotes.batch().maxConcurrency()).isEqualTo(4);
			});
	}

	@Test
	void clientTimeoutOverridesTheDefaultsAtCallTime() {
		this.server = LoopbackServer.start((request, response) -> Mono.delay(Duration.ofMillis(700))
			.thenEmpty(response.sendString(Mono.just("late but fine"))));
		this.contextRunner
			.withPropertyValues("connector.defaults.timeout=300ms",
					"connector.clients.strict.base-url=" + this.server.baseUrl(),
					"connector.clients.patient.base-url=" + this.server.baseUrl(),
					"connector.clients.patient.timeout=3s")
			.run((context) -> {
				ConnectorRequest request = ConnectorRequest.get("/slow").build();
				assertThatExceptionOfType(ConnectorTimeoutException.class)
					.isThrownBy(() -> context.getBean("strict", Connector.class).blocking().request(request))
					.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(300)));
				assertThat(context.getBean("patient", Connector.class).blocking().request(request).bodyAsString())
					.isEqualTo("late but fine");
			});
	}

	@Test
	void environmentVariablesBind() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("CONNECTOR_CLIENTS_PAYMENTS_BASEURL", "http://127.0.0.1:8081",
								"CONNECTOR_CLIENTS_PAYMENTS_TIMEOUT", "3s", "CONNECTOR_DEFAULTS_RETRY_MAXATTEMPTS",
								"5"))))
			.run((context) -> {
				Connector payments = context.getBean("payments", Connector.class);
				assertThat(payments.settings().baseUrl()).hasToString("http://127.0.0.1:8081");
				assertThat(payments.settings().timeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(payments.settings().retry().maxAttempts()).isEqualTo(5);
			});
	}

	@Test
	void closingTheContextClosesTheTransports() {
		this.server = LoopbackServer.start((request, response) -> response.sendString(Mono.just("ok")));
		this.contextRunner.withPropertyValues("connector.clients.payments.base-url=" + this.server.baseUrl())
			.run((context) -> {
				Connector payments = context.getBean(Connector.class);
				payments.blocking().request(ConnectorRequest.get("/").build());
				assertThat(this.server.openConnections()).isPositive();
				context.close();
				await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openConnections() == 0);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedInjection {

		@Bean
		Holder holder(@Qualifier("quotes") Connector quotes) {
			return new Holder(quotes);
		}

		record Holder(Connector quotes) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserPaymentsConnector {

		@Bean
		Connector payments() {
			return Connector.builder("payments").settings((s) -> s.baseUrl("http://127.0.0.1:9")).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserPaymentsConnectorAsObject {

		@Bean
		Object payments() {
			return Connector.builder("payments").settings((s) -> s.baseUrl("http://127.0.0.1:9")).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PaymentsServiceBean {

		@Bean
		PaymentsService payments() {
			return new PaymentsService();
		}

	}

	@Service("payments")
	static class PaymentsService {

	}

	@Configuration(proxyBeanMethods = false)
	static class CannedTransport {

		@Bean
		TransportFactory cannedTransportFactory() {
			return new TransportFactory() {

				@Override
				public String type() {
					return "canned";
				}

				@Override
				public Transport create(ClientSettings settings) {
					return (request) -> Mono.just(new TransportResponse(200, new HttpHeaders(),
							Flux.just(DefaultDataBufferFactory.sharedInstance
								.wrap(("canned " + request.method() + " " + request.uri().getPath()).getBytes()))));
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHttpTransportFactory {

		final HttpTransportFactory factory = new HttpTransportFactory();

		@Bean
		HttpTransportFactory myHttpTransportFactory() {
			return this.factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerAndInterceptor {

		@Bean
		ConnectorCustomizer callerHeader() {
			return (name, builder) -> builder.settings((settings) -> settings.header("X-Caller", "customized-" + name));
		}

		@Bean
		dev.connector.ConnectorInterceptor teamHeader() {
			return (request, chain) -> chain.proceed(request.toBuilder().header("X-Team", "intercepted").build());
		}

	}

}
