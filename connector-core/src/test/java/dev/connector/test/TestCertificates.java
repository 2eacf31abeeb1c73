package dev.connector.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for TLS tests, made when first asked for with the JDK's {@code keytool} in
 * a temporary directory (nothing private is checked in): each is self-signed, valid for
 * two days, and written as a PEM certificate and a PEM (PKCS#8) private key beside it, the
 * files a Spring Boot PEM SSL bundle points at.
 * <ul>
 * <li>{@link #server()}: for {@code localhost} and {@code 127.0.0.1}</li>
 * <li>{@link #rotatedServer()}: another one for the same names, as after a renewal</li>
 * <li>{@link #localhostOnly()}: for {@code localhost} only, so a call to
 * {@code 127.0.0.1} fails host-name verification</li>
 * <li>{@link #client()}: a client certificate for mutual TLS</li>
 * </ul>
 */
public final class TestCertificates {

	private static final char[] PASSWORD = "test-only".toCharArray();

	private TestCertificates() {
	}

	public static Certificate server() {
		return Generated.SERVER;
	}

	public static Certificate rotatedServer() {
		return Generated.ROTATED_SERVER;
	}

	public static Certificate localhostOnly() {
		return Generated.LOCALHOST_ONLY;
	}

	public static Certificate client() {
		return Generated.CLIENT;
	}

	/** Made on first use, once per test JVM; immutable afterwards. */
	private static final class Generated {

		private static final Path DIRECTORY = directory();

		static final Certificate SERVER = generate("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");

		static final Certificate ROTATED_SERVER = generate("rotated-server", "CN=localhost",
				"SAN=dns:localhost,ip:127.0.0.1");

		static final Certificate LOCALHOST_ONLY = generate("localhost-only", "CN=localhost", "SAN=dns:localhost");

		static final Certificate CLIENT = generate("client", "CN=connector-test-client", null);

		private static Path directory() {
			try {
				Path directory = Files.createTempDirectory("connector-test-certificates");
				directory.toFile().deleteOnExit();
				return directory;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private static Certificate generate(String name, String subject, String extension) {
		Path keyStore = Generated.DIRECTORY.resolve(name + ".p12");
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		ProcessBuilder command = new ProcessBuilder(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC",
				"-groupname", "secp256r1", "-dname", subject, "-validity", "2", "-keystore", keyStore.toString(),
				"-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-J-XX:TieredStopAtLevel=1");
		if (extension != null) {
			command.command().addAll(java.util.List.of("-ext", extension));
		}
		try {
			Process process = command.redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keyStore)) {
				store.load(in, PASSWORD);
			}
			PrivateKey key = (PrivateKey) store.getKey(name, PASSWORD);
			X509Certificate certificate = (X509Certificate) store.getCertificate(name);
			Path certificateFile = Generated.DIRECTORY.resolve(name + ".crt");
			Path keyFile = Generated.DIRECTORY.resolve(name + ".key");
			Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
			Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
			for (Path file : new Path[] { keyStore, certificateFile, keyFile }) {
				file.toFile().deleteOnExit();
			}
			return new Certificate(certificate, key, certificateFile, keyFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	/**
	 * A generated certificate with its private key, in memory and as PEM files.
	 *
	 * @param certificate the certificate
	 * @param privateKey its private key
	 * @param certificateFile the certificate as a PEM file
	 * @param privateKeyFile the private key as a PEM (PKCS#8) file
	 */
	public record Certificate(X509Certificate certificate, PrivateKey privateKey, Path certificateFile,
			Path privateKeyFile) {

		/**
		 * Return the certificate file as a Spring resource location.
		 * @return a {@code file:} location
		 */
		public String certificateLocation() {
			return this.certificateFile.toUri().toString();
		}

		/**
		 * Return the private key file as a Spring resource location.
		 * @return a {@code file:} location
		 */
		public String privateKeyLocation() {
			return this.privateKeyFile.toUri().toString();
		}

	}

}
