package dev.connector.test;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the application while open: the root logger at INFO, as an
 * application runs, and Connector's own loggers at TRACE, so that whatever Connector could
 * write at any level is seen.
 */
public final class CapturedLogs implements AutoCloseable {

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final Logger connector = (Logger) LoggerFactory.getLogger("dev.connector");

	private final Level previousRoot;

	private final Level previousConnector;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private CapturedLogs() {
		this.previousRoot = this.root.getLevel();
		this.previousConnector = this.connector.getLevel();
		this.appender.start();
		this.root.addAppender(this.appender);
		this.root.setLevel(Level.INFO);
		this.connector.setLevel(Level.TRACE);
	}

	public static CapturedLogs start() {
		return new CapturedLogs();
	}

	/**
	 * Return everything each event would write: its logger, formatted message, and the
	 * messages of its throwable and causes.
	 */
	public List<String> lines() {
		List<ILoggingEvent> events;
		synchronized (this.appender) {
			// a Netty thread may still be appending: AppenderBase appends under this lock
			events = List.copyOf(this.appender.list);
		}
		return events.stream().map(CapturedLogs::describe).toList();
	}

	private static String describe(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
		}
		return text.toString();
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.root.setLevel(this.previousRoot);
		this.connector.setLevel(this.previousConnector);
	}

}
