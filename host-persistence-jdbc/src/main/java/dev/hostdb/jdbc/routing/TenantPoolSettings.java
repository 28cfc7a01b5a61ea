package dev.hostdb.jdbc.routing;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Duration;

/**
 * How {@link TenantDataSources} sizes and ages the pools of tenant databases.
 *
 * @param maxPools the most pools open at once; routing one more tenant retires the least recently
 *     used pool
 * @param maxConnectionsPerTenant the most connections one tenant's pool opens; an idle tenant holds
 *     none
 * @param idleTimeout how long a pool may go unused before it is closed
 * @param connectionTimeout how long {@code getConnection()} waits for a connection, and how long
 *     SQLite waits for a locked database (its busy timeout)
 * @param catalogTtl how long a tenant found active in the catalog is trusted without reading the
 *     catalog again: a tenant suspended by another process still gets new connections for this
 *     long, unless {@link TenantDataSources#evict} is called
 */
public record TenantPoolSettings(
    int maxPools,
    int maxConnectionsPerTenant,
    Duration idleTimeout,
    Duration connectionTimeout,
    Duration catalogTtl) {

  /** The shortest connection timeout HikariCP accepts. */
  private static final Duration SHORTEST_CONNECTION_TIMEOUT = Duration.ofMillis(250);

  /**
   * @throws InvalidInputException when a size is below 1 or a duration is missing or out of range
   */
  public TenantPoolSettings {
    if (maxPools < 1) {
      throw new InvalidInputException("maxPools", "must be at least 1");
    }
    if (maxConnectionsPerTenant < 1) {
      throw new InvalidInputException("maxConnectionsPerTenant", "must be at least 1");
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new InvalidInputException("idleTimeout", "must be positive");
    }
    if (connectionTimeout == null || connectionTimeout.compareTo(SHORTEST_CONNECTION_TIMEOUT) < 0) {
      throw new InvalidInputException("connectionTimeout", "must be at least 250 ms");
    }
    if (catalogTtl == null || catalogTtl.isNegative()) {
      throw new InvalidInputException("catalogTtl", "must be zero (always read) or positive");
    }
  }

  /**
   * 64 pools of at most 4 connections, closed after 10 minutes unused, a 10-second wait for a
   * connection, and catalog checks trusted for 5 seconds: at most 256 connections and a bounded
   * number of threads, however many tenants.
   */
  public static TenantPoolSettings defaults() {
    return new TenantPoolSettings(
        64, 4, Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  /** These settings with another bound on open pools. */
  public TenantPoolSettings withMaxPools(int maxPools) {
    return new TenantPoolSettings(
        maxPools, maxConnectionsPerTenant, idleTimeout, connectionTimeout, catalogTtl);
  }

  /** These settings with another bound on each tenant's connections. */
  public TenantPoolSettings withMaxConnectionsPerTenant(int maxConnectionsPerTenant) {
    return new TenantPoolSettings(
        maxPools, maxConnectionsPerTenant, idleTimeout, connectionTimeout, catalogTtl);
  }

  /** These settings with another idle timeout. */
  public TenantPoolSettings withIdleTimeout(Duration idleTimeout) {
    return new TenantPoolSettings(
        maxPools, maxConnectionsPerTenant, idleTimeout, connectionTimeout, catalogTtl);
  }

  /** These settings with another connection timeout. */
  public TenantPoolSettings withConnectionTimeout(Duration connectionTimeout) {
    return new TenantPoolSettings(
        maxPools, maxConnectionsPerTenant, idleTimeout, connectionTimeout, catalogTtl);
  }

  /** These settings with another catalog cache lifetime; zero reads the catalog on every call. */
  public TenantPoolSettings withCatalogTtl(Duration catalogTtl) {
    return new TenantPoolSettings(
        maxPools, maxConnectionsPerTenant, idleTimeout, connectionTimeout, catalogTtl);
  }
}
