package dev.connector.transport.sdk;

import java.io.IOException;

import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Makes closing a response body that was not read to its end cancel its OkHttp call, which
 * closes the connection at once. An SDK closes a stream's body when the stream is cancelled,
 * possibly while another thread waits on the socket for the next event; a plain close leaves
 * that thread, and the connection, waiting until the upstream sends more or the read
 * timeout passes. For SDKs built on OkHttp that take application interceptors.
 *
 * @since 0.1.0
 */
public final class CancelOnCloseInterceptor implements Interceptor {

	@Override
	public Response intercept(Chain chain) throws IOException {
		Response response = chain.proceed(chain.request());
		ResponseBody body = response.body();
		if (body == null) {
			return response;
		}
		Call call = chain.call();
		ForwardingSource source = new ForwardingSource(body.source()) {

			private volatile boolean exhausted;

			@Override
			public long read(Buffer sink, long byteCount) throws IOException {
				long read = super.read(sink, byteCount);
				if (read == -1) {
					this.exhausted = true;
				}
				return read;
			}

			@Override
			public void close() throws IOException {
				if (!this.exhausted) {
					call.cancel();
				}
				super.close();
			}

		};
		return response.newBuilder()
			.body(ResponseBody.create(Okio.buffer(source), body.contentType(), body.contentLength()))
			.build();
	}

}
