package dev.connector.internal;

import java.net.URI;
import java.util.List;

import dev.connector.config.AuthSettings;
import dev.connector.config.ClientSettings;
import dev.connector.config.Secret;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UriRedactorTest {

	private final UriRedactor redactor = UriRedactor.of(ClientSettings.builder("quotes").build());

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"http://127.0.0.1:8080/q?access_token=abc|http://127.0.0.1:8080/q?access_token=******",
			"http://127.0.0.1:8080/q?symbol=ACME&Access_Token=abc&x=1|http://127.0.0.1:8080/q?symbol=ACME&Access_Token=******&x=1",
			"http://127.0.0.1:8080/q?sig=a%2Bb&api_key=k&password=p|http://127.0.0.1:8080/q?sig=******&api_key=******&password=******",
			"http://127.0.0.1:8080/q?access%5Ftoken=abc|http://127.0.0.1:8080/q?access%5Ftoken=******",
			"http://127.0.0.1:8080/q?symbol=ACME|http://127.0.0.1:8080/q?symbol=ACME",
			"http://127.0.0.1:8080/q?token|http://127.0.0.1:8080/q?token",
			"http://127.0.0.1:8080/q?token=&a=b|http://127.0.0.1:8080/q?token=******&a=b",
			"http://user:pa55@127.0.0.1:8080/q#part|http://user:******@127.0.0.1:8080/q#part",
			"http://127.0.0.1:8080/q?key=k#frag|http://127.0.0.1:8080/q?key=******#frag" })
	void masksSecretQueryValuesAndPasswords(String uri, String shown) {
		assertThat(this.redactor.redact(URI.create(uri))).hasToString(shown);
	}

	@Test
	void aUriWithoutSecretsIsReturnedAsItIs() {
		URI uri = URI.create("http://127.0.0.1:8080/quotes/ACME?symbol=ACME");
		assertThat(this.redactor.redact(uri)).isSameAs(uri);
		assertThat(this.redactor.redact(null)).isNull();
	}

	@Test
	void theApiKeyParameterAndConfiguredOnesAreMaskedToo() {
		ClientSettings settings = ClientSettings.builder("quotes")
			.logging(ClientSettings.LoggingSettings.builder().redactQueryParams(List.of("session")).build())
			.auth(AuthSettings.builder()
				.type(AuthSettings.Type.API_KEY)
				.apiKeyQueryParam("appid")
				.apiKeyValue(Secret.of("k"))
				.build())
			.build();
		assertThat(UriRedactor.of(settings).redact(URI.create("http://127.0.0.1/q?appid=1&session=2&token=3")))
			.hasToString("http://127.0.0.1/q?appid=******&session=******&token=3");
	}

}
