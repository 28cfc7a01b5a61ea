package dev.hostdb.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sets how much the command logs; logback.xml keeps pool and migration loggers at WARN. */
final class Logging {
  private Logging() {}

  /** INFO for everything and DEBUG for HostDB when verbose, otherwise warnings and errors only. */
  static void configure(boolean verbose) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return; // another SLF4J binding: its own configuration decides
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(verbose ? Level.INFO : Level.WARN);
    context.getLogger("dev.hostdb").setLevel(verbose ? Level.DEBUG : Level.WARN);
  }
}
