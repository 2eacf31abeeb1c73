package dev.connector.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy on the loopback interface for tests: answers {@code CONNECT host:port} by
 * opening a tunnel to that address on the loopback interface (anything else gets a 403),
 * records each {@code CONNECT} with its {@code Proxy-Authorization} header, and relays
 * bytes both ways. Reactor Netty's HTTP proxy support tunnels plain {@code http} through
 * {@code CONNECT} as well as {@code https}.
 * <p>
 * Blocking sockets on the proxy's own threads: it is a test fixture, not part of any
 * reactive chain.
 */
public final class LoopbackProxy implements AutoCloseable {

	private final ServerSocket server;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "loopback-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Tunnel> tunnels = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private LoopbackProxy() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	/**
	 * Start a proxy.
	 * @return the running proxy
	 */
	public static LoopbackProxy start() {
		try {
			return new LoopbackProxy();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Return the tunnels opened so far, in order.
	 * @return the {@code CONNECT} requests the proxy answered
	 */
	public List<Tunnel> tunnels() {
		return this.tunnels;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				this.threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try {
			InputStream in = client.getInputStream();
			String head = readHead(in);
			String[] lines = head.split("\r\n");
			String[] requestLine = lines[0].split(" ");
			String authorization = null;
			for (String line : lines) {
				if (line.regionMatches(true, 0, "Proxy-Authorization:", 0, 20)) {
					authorization = line.substring(20).trim();
				}
			}
			OutputStream out = client.getOutputStream();
			int colon = requestLine[1].lastIndexOf(':');
			if (!"CONNECT".equals(requestLine[0]) || colon < 0) {
				out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				client.close();
				return;
			}
			int port = Integer.parseInt(requestLine[1].substring(colon + 1));
			Socket upstream = new Socket();
			this.sockets.add(upstream);
			// loopback only, whatever host the request names
			upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
			this.tunnels.add(new Tunnel(requestLine[1], authorization));
			out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			this.threads.execute(() -> relay(upstream, client));
			relay(client, upstream);
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(client);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int read = in.read();
			if (read < 0) {
				throw new IOException("closed before the end of the request head");
			}
			head.write(read);
			matched = (read == end[matched]) ? matched + 1 : ((read == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	private static void relay(Socket from, Socket to) {
		try {
			from.getInputStream().transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// either side went away; the tunnel ends
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// already closed
		}
		this.sockets.forEach(LoopbackProxy::closeQuietly);
		this.threads.shutdownNow();
	}

	/**
	 * A tunnel the proxy opened.
	 *
	 * @param target the {@code host:port} of the {@code CONNECT} request
	 * @param proxyAuthorization its {@code Proxy-Authorization} header, or {@code null}
	 */
	public record Tunnel(String target, String proxyAuthorization) {

	}

}
