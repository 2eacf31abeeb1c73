package dev.connector.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A runnable application that uses the Connector starter as a user would: it serves a demo
 * upstream on loopback ({@link DemoUpstream}), configures a client for it in
 * {@code application.yml}, and calls it through the injected {@code Connector}
 * ({@link DemoController}).
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
