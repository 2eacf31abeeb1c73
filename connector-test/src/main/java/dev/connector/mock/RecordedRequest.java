package dev.connector.mock;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * A request a {@link ConnectorMockServer} received, as the network would have carried it.
 *
 * @param client the name of the client that sent it
 * @param method the method
 * @param path the decoded path, without the base URL's scheme, host and port
 * @param query the decoded query parameters, in order
 * @param headers the headers, the client's configured ones included
 * @param body the body as text, or {@code null} for none
 * @since 0.1.0
 */
public record RecordedRequest(String client, HttpMethod method, String path, Map<String, List<String>> query,
		HttpHeaders headers, String body) {

	String describe() {
		StringBuilder text = new StringBuilder(this.method + " " + this.path);
		if (!this.query.isEmpty()) {
			text.append(" query ").append(this.query);
		}
		text.append(" from client ").append(this.client);
		if (this.body != null) {
			text.append(" body ").append(this.body);
		}
		return text.toString();
	}

}
