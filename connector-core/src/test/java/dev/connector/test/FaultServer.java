package dev.connector.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that misbehaves on request, written on a plain
 * {@link ServerSocket} so that it can break the protocol as no well-behaved server
 * library would: malformed status lines and headers, short bodies, resets, stalls.
 * <p>
 * The path chooses the fault: {@code /fault/<fault>/<key>} (the fault's
 * {@link Fault#path() path name}, such as {@code /fault/reset/a1}), {@code /random/<key>} for
 * the fault the server's seeded {@link RandomFaults} draws for that key and attempt, and any
 * other path is answered normally. Every request that arrives whole is counted under its
 * key (the rest of the path), so a test can tell how many attempts reached the server, and
 * each is recorded with the fault it met and the body it was answered with.
 * <p>
 * A normal answer is {@code 200} with the JSON {@code {"key":..,"method":..,"attempt":..}},
 * on a connection kept alive. The server counts its open connections and those in the middle
 * of an exchange (a request started and its answer not finished), so that a test can prove
 * that nothing was left open.
 */
public final class FaultServer implements AutoCloseable {

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

	private final ServerSocket serverSocket;

	private final ExecutorService threads;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final AtomicInteger openConnections = new AtomicInteger();

	private final AtomicInteger busyConnections = new AtomicInteger();

	private final Map<String, List<Exchange>> exchanges = new ConcurrentHashMap<>();

	private final Options options;

	private FaultServer(Options options) {
		this.options = options;
		try {
			this.serverSocket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		AtomicInteger ids = new AtomicInteger();
		this.threads = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "fault-server-" + ids.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.threads.execute(this::accept);
	}

	/**
	 * Start a server with the default options.
	 * @return the running server
	 */
	public static FaultServer start() {
		return new FaultServer(Options.DEFAULTS);
	}

	/**
	 * Start a server.
	 * @param options how long and how large its faults are, and what {@code /random} draws
	 * @return the running server
	 */
	public static FaultServer start(Options options) {
		return new FaultServer(options);
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	/**
	 * Return the path that meets the fault, under the key.
	 * @param fault the fault
	 * @param key the request key
	 * @return the path
	 */
	public static String path(Fault fault, String key) {
		return "/fault/" + fault.path() + "/" + key;
	}

	/**
	 * Return how many requests arrived whole under the key.
	 * @param key the request key
	 * @return the attempts the server saw
	 */
	public int attempts(String key) {
		return exchanges(key).size();
	}

	/**
	 * Return the requests that arrived under the key, in order.
	 * @param key the request key
	 * @return the exchanges, empty for none
	 */
	public List<Exchange> exchanges(String key) {
		return this.exchanges.getOrDefault(key, List.of());
	}

	/**
	 * Return the connections accepted and not yet closed.
	 * @return the open connections
	 */
	public int openConnections() {
		return this.openConnections.get();
	}

	/**
	 * Return the connections in the middle of an exchange: a request begun and its answer not
	 * finished, including the stalls that wait for the client to go away.
	 * @return the busy connections
	 */
	public int busyConnections() {
		return this.busyConnections.get();
	}

	/**
	 * Return the answer the server gives to a request it answers normally.
	 * @param key the request key
	 * @param method the request method
	 * @param attempt the attempt, from 1
	 * @return the JSON body
	 */
	public static String answer(String key, String method, int attempt) {
		return "{\"key\":\"" + key + "\",\"method\":\"" + method + "\",\"attempt\":" + attempt + "}";
	}

	@Override
	public void close() {
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.threads.shutdownNow();
		try {
			this.threads.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.openConnections.incrementAndGet();
				this.sockets.add(socket);
				this.threads.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				// closed
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try {
			socket.setTcpNoDelay(true);
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			boolean keepAlive = true;
			while (keepAlive) {
				int first = in.read();
				if (first < 0) {
					break;
				}
				this.busyConnections.incrementAndGet();
				try {
					keepAlive = exchange(socket, first, in, out);
				}
				finally {
					this.busyConnections.decrementAndGet();
				}
			}
		}
		catch (IOException ex) {
			// the client went away: the connection ends here either way
		}
		finally {
			closeQuietly(socket);
			this.sockets.remove(socket);
			this.openConnections.decrementAndGet();
		}
	}

	/**
	 * Read one request and meet it with its fault.
	 * @return whether the connection stays open for another request
	 */
	private boolean exchange(Socket socket, int first, InputStream in, OutputStream out) throws IOException {
		String requestLine = (char) first + readLine(in);
		String[] parts = requestLine.split(" ");
		String method = parts[0];
		String path = parts[1];
		int contentLength = 0;
		boolean chunked = false;
		for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
			int colon = line.indexOf(':');
			String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim();
			if (name.equals("content-length")) {
				contentLength = Integer.parseInt(value);
			}
			else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
				chunked = true;
			}
		}
		if (chunked) {
			readChunked(in);
		}
		else {
			in.readNBytes(contentLength);
		}
		Fault fault = Fault.NONE;
		String key = path;
		if (path.startsWith("/fault/")) {
			int slash = path.indexOf('/', "/fault/".length());
			fault = Fault.fromPath(path.substring("/fault/".length(), slash));
			key = path.substring(slash + 1);
		}
		else if (path.startsWith("/random/")) {
			key = path.substring("/random/".length());
		}
		List<Exchange> seen = this.exchanges.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>());
		int attempt;
		synchronized (seen) {
			attempt = seen.size() + 1;
			if (path.startsWith("/random/")) {
				fault = this.options.random().pick(key, attempt);
			}
			String body = (fault == Fault.NONE || fault == Fault.LATENCY) ? answer(key, method, attempt)
					: (fault == Fault.INVALID_JSON) ? invalidJson(key) : null;
			seen.add(new Exchange(key, method, attempt, fault, body));
		}
		return meet(fault, socket, in, out, key, method, attempt);
	}

	private boolean meet(Fault fault, Socket socket, InputStream in, OutputStream out, String key, String method,
			int attempt) throws IOException {
		switch (fault) {
			case NONE -> {
				return respond(out, "200 OK", "Content-Type: application/json\r\n", answer(key, method, attempt));
			}
			case LATENCY -> {
				if (!waitUnlessClientLeaves(socket, in, this.options.latency())) {
					return false;
				}
				return respond(out, "200 OK", "Content-Type: application/json\r\n", answer(key, method, attempt));
			}
			case NEVER_ANSWER -> {
				drainUntilClientLeaves(in);
				return false;
			}
			case STALLED_BODY -> {
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"key\":");
				drainUntilClientLeaves(in);
				return false;
			}
			case CLOSE_MID_BODY -> {
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ "7\r\n{\"key\":\r\n");
				return false;
			}
			case SHORT_CONTENT_LENGTH -> {
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
						+ "{\"key\":");
				return false;
			}
			case RESET -> {
				socket.setSoLinger(true, 0);
				socket.close();
				return false;
			}
			case MALFORMED_STATUS_LINE -> {
				write(out, "HTTP/1.1 two-hundred OK\r\nContent-Length: 2\r\n\r\nok");
				return false;
			}
			case MALFORMED_HEADER -> {
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Bad\u0001Name: value\r\n"
						+ "Content-Length: 2\r\n\r\nok");
				return false;
			}
			case INVALID_JSON -> {
				return respond(out, "200 OK", "Content-Type: application/json\r\n", invalidJson(key));
			}
			case OVERSIZED_BODY -> {
				int size = this.options.oversizedBody();
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + size + "\r\n\r\n");
				byte[] chunk = new byte[8192];
				Arrays.fill(chunk, (byte) 'x');
				for (int sent = 0; sent < size; sent += chunk.length) {
					out.write(chunk, 0, Math.min(chunk.length, size - sent));
				}
				out.flush();
				return true;
			}
			case TOO_MANY_REQUESTS -> {
				return respond(out, "429 Too Many Requests", "", "slow down");
			}
			case TOO_MANY_REQUESTS_RETRY_AFTER_SECONDS -> {
				return respond(out, "429 Too Many Requests",
						"Retry-After: " + this.options.retryAfter().toSeconds() + "\r\n", "slow down");
			}
			case TOO_MANY_REQUESTS_RETRY_AFTER_DATE -> {
				return respond(out, "429 Too Many Requests", "Retry-After: " + retryAfterDate() + "\r\n",
						"slow down");
			}
			case SERVICE_UNAVAILABLE -> {
				return respond(out, "503 Service Unavailable", "", "down for maintenance");
			}
			case SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS -> {
				return respond(out, "503 Service Unavailable",
						"Retry-After: " + this.options.retryAfter().toSeconds() + "\r\n", "down for maintenance");
			}
			case SERVICE_UNAVAILABLE_RETRY_AFTER_DATE -> {
				return respond(out, "503 Service Unavailable", "Retry-After: " + retryAfterDate() + "\r\n",
						"down for maintenance");
			}
			default -> throw new IllegalStateException("Unknown fault " + fault);
		}
	}

	private String retryAfterDate() {
		return HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC).plus(this.options.retryAfter()));
	}

	private static String invalidJson(String key) {
		return "{\"key\":\"" + key + "\",\"method\":";
	}

	private static boolean respond(OutputStream out, String status, String headers, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		write(out, "HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + bytes.length + "\r\n\r\n");
		out.write(bytes);
		out.flush();
		return true;
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	/**
	 * Hold the request for the delay, returning early if the client closes the connection.
	 * @return whether the client is still there
	 */
	private static boolean waitUnlessClientLeaves(Socket socket, InputStream in, Duration delay) throws IOException {
		socket.setSoTimeout((int) Math.max(1, delay.toMillis()));
		try {
			return in.read() >= 0;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
		finally {
			socket.setSoTimeout(0);
		}
	}

	private static void drainUntilClientLeaves(InputStream in) throws IOException {
		byte[] buffer = new byte[1024];
		while (in.read(buffer) >= 0) {
			// a stalled server reads what comes and answers nothing
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("Connection closed in the middle of a line");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	private static void readChunked(InputStream in) throws IOException {
		for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0; size = Integer
			.parseInt(readLine(in).trim(), 16)) {
			in.readNBytes(size);
			readLine(in);
		}
		readLine(in);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	/**
	 * What the server does with a request.
	 */
	public enum Fault {

		/** Answer normally. */
		NONE,

		/** Answer normally after {@link Options#latency()}. */
		LATENCY,

		/** Read the request and never answer. */
		NEVER_ANSWER,

		/** Send the headers and the start of the body, then nothing more. */
		STALLED_BODY,

		/** Close the connection (FIN) in the middle of a chunked body. */
		CLOSE_MID_BODY,

		/** Send a Content-Length larger than the body, then close. */
		SHORT_CONTENT_LENGTH,

		/** Reset the connection (TCP RST) once the request arrived. */
		RESET,

		/** Answer with a status line whose status is not a number. */
		MALFORMED_STATUS_LINE,

		/** Answer with a header line that has no colon. */
		MALFORMED_HEADER,

		/** Answer 200 with JSON cut short. */
		INVALID_JSON,

		/** Answer 200 with a body of {@link Options#oversizedBody()} bytes. */
		OVERSIZED_BODY,

		/** Answer 429 without Retry-After. */
		TOO_MANY_REQUESTS,

		/** Answer 429 with Retry-After in seconds. */
		TOO_MANY_REQUESTS_RETRY_AFTER_SECONDS,

		/** Answer 429 with Retry-After as an HTTP date. */
		TOO_MANY_REQUESTS_RETRY_AFTER_DATE,

		/** Answer 503 without Retry-After. */
		SERVICE_UNAVAILABLE,

		/** Answer 503 with Retry-After in seconds. */
		SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,

		/** Answer 503 with Retry-After as an HTTP date. */
		SERVICE_UNAVAILABLE_RETRY_AFTER_DATE;

		/**
		 * Return the fault's name in a path, such as {@code never-answer}.
		 * @return the path name
		 */
		public String path() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		static Fault fromPath(String path) {
			return valueOf(path.toUpperCase(Locale.ROOT).replace('-', '_'));
		}

	}

	/**
	 * A request as the server met it.
	 *
	 * @param key the request key
	 * @param method the method
	 * @param attempt how many requests arrived under the key, this one included
	 * @param fault the fault it met
	 * @param answered the body it was answered with under status 200, or {@code null}
	 */
	public record Exchange(String key, String method, int attempt, Fault fault, String answered) {
	}

	/**
	 * Draws the fault of each {@code /random} request from a seed, the key and the attempt,
	 * so that the draw does not depend on the order in which concurrent requests arrive.
	 *
	 * @param seed the seed
	 * @param rate the share of requests that meet a fault, from 0 to 1
	 * @param faults the faults drawn from, each as likely
	 */
	public record RandomFaults(long seed, double rate, List<Fault> faults) {

		/** Draws no fault. */
		public static final RandomFaults NONE = new RandomFaults(0, 0, List.of());

		/**
		 * Return the fault of one attempt.
		 * @param key the request key
		 * @param attempt the attempt, from 1
		 * @return the fault, {@link Fault#NONE} for none
		 */
		public Fault pick(String key, int attempt) {
			SplittableRandom random = new SplittableRandom(
					this.seed * 0x9E3779B97F4A7C15L + key.hashCode() * 31L + attempt);
			return (random.nextDouble() < this.rate) ? this.faults.get(random.nextInt(this.faults.size()))
					: Fault.NONE;
		}

	}

	/**
	 * How the server's faults behave.
	 *
	 * @param latency how long {@link Fault#LATENCY} holds a request
	 * @param oversizedBody the size of the {@link Fault#OVERSIZED_BODY} body, in bytes
	 * @param retryAfter the wait a Retry-After asks for
	 * @param random what {@code /random} paths draw
	 */
	public record Options(Duration latency, int oversizedBody, Duration retryAfter, RandomFaults random) {

		/** 200 ms of latency, a 1 MiB body, a 1 s Retry-After and no random faults. */
		public static final Options DEFAULTS = new Options(Duration.ofMillis(200), 1024 * 1024, Duration.ofSeconds(1),
				RandomFaults.NONE);

		public Options withLatency(Duration latency) {
			return new Options(latency, this.oversizedBody, this.retryAfter, this.random);
		}

		public Options withOversizedBody(int oversizedBody) {
			return new Options(this.latency, oversizedBody, this.retryAfter, this.random);
		}

		public Options withRetryAfter(Duration retryAfter) {
			return new Options(this.latency, this.oversizedBody, retryAfter, this.random);
		}

		public Options withRandom(RandomFaults random) {
			return new Options(this.latency, this.oversizedBody, this.retryAfter, random);
		}

	}

}
