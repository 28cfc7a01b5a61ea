package dev.hostdb.domain.port;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Duration;

/**
 * How an adapter sizes and times its connections.
 *
 * @param maxConnections the most connections open at once (for SQLite: readers, besides the one
 *     writer)
 * @param connectionTimeout how long a caller waits for a connection, or for a locked SQLite
 *     database, before {@link dev.hostdb.domain.error.StorageUnavailableException}
 */
public record StoreSettings(int maxConnections, Duration connectionTimeout) {
  public StoreSettings {
    if (maxConnections < 1) {
      throw new InvalidInputException("maxConnections", "must be at least 1");
    }
    if (connectionTimeout == null || connectionTimeout.isNegative() || connectionTimeout.isZero()) {
      throw new InvalidInputException("connectionTimeout", "must be positive");
    }
  }

  /** Ten connections and a ten-second wait: enough for a small server. */
  public static StoreSettings defaults() {
    return new StoreSettings(10, Duration.ofSeconds(10));
  }
}
