package dev.hostdb.jdbc.schema;

import java.util.logging.Level;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Sends Liquibase's own log lines to SLF4J instead of java.util.logging, which would print them on
 * the console. Liquibase's INFO chatter becomes DEBUG: the migrator logs the one INFO line.
 */
final class Slf4jLogService extends AbstractLogService {

  @Override
  public int getPriority() {
    return PRIORITY_SPECIALIZED;
  }

  @Override
  @SuppressWarnings("rawtypes") // the overridden Liquibase method takes a raw Class
  public Logger getLog(Class type) {
    return new Slf4jLogger(LoggerFactory.getLogger(type));
  }

  private static final class Slf4jLogger extends AbstractLogger {
    private final org.slf4j.Logger delegate;

    Slf4jLogger(org.slf4j.Logger delegate) {
      this.delegate = delegate;
    }

    @Override
    public void close() {
      // nothing to release: SLF4J loggers are shared
    }

    @Override
    public void log(Level level, String message, Throwable error) {
      if (level == Level.OFF) {
        return; // Liquibase logs some lines at OFF to mean "not at all"
      }
      int value = level.intValue();
      if (value >= Level.SEVERE.intValue()) {
        delegate.error(message, error);
      } else if (value >= Level.WARNING.intValue()) {
        delegate.warn(message, error);
      } else if (value >= Level.INFO.intValue()) {
        delegate.debug(message, error);
      } else {
        delegate.trace(message, error);
      }
    }
  }
}
