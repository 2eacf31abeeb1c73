package dev.connector.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from the benchmark's own jar to run another main class: the loopback server
 * or the batch scenario. Its standard error goes to ours; its standard output is read line
 * by line; its standard input stays open until {@link #close()}, so a child that watches it
 * notices when the driver is gone. A shutdown hook destroys it if the driver exits first.
 */
final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final BufferedReader out;

	private final Thread hook;

	private final List<String> command;

	private ChildJvm(Process process, List<String> command) {
		this.process = process;
		this.command = command;
		this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.hook = new Thread(process::destroyForcibly, "destroy-" + process.pid());
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	/**
	 * Start a main class of this jar in a new JVM.
	 * @param mainClass the class whose {@code main} runs
	 * @param jvmOptions options for the new JVM, such as {@code -Xmx128m}
	 * @param args the program arguments
	 * @return the running child
	 */
	static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(jar().toString());
		command.add(mainClass.getName());
		command.addAll(args);
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			return new ChildJvm(process, command);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
	}

	/**
	 * Return the jar (or classes directory) this code runs from.
	 * @return its path
	 */
	static Path jar() {
		try {
			return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Read the child's next line of standard output.
	 * @return the line, or {@code null} once the child closed its output
	 */
	String readLine() {
		try {
			return this.out.readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wait for the child to exit.
	 * @param seconds the longest wait
	 * @return its exit code
	 * @throws IllegalStateException if it is still running after the wait
	 */
	int waitFor(long seconds) {
		try {
			if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
				throw new IllegalStateException("still running after " + seconds + " s: " + this.command);
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the child's process id.
	 * @return the pid
	 */
	long pid() {
		return this.process.pid();
	}

	/**
	 * Return how the child was started.
	 * @return the command line
	 */
	List<String> command() {
		return this.command;
	}

	/**
	 * Close the child's input, then stop it: politely first, forcibly after five seconds.
	 */
	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroy();
				if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
		}
		catch (IOException ex) {
			this.process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// already shutting down: the hook runs anyway, harmlessly
		}
	}

}
