package dev.hostdb.jdbc.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.StorageUnavailableException;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.HostStoreProvider;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.jdbc.JdbcHostStore;
import dev.hostdb.jdbc.schema.SchemaMigrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens PostgreSQL host databases ({@code postgresql://user:pass@host:5432/app_host}, {@code
 * jdbc:postgresql://host:5432/app_host?user=u&password=p}).
 *
 * <p>One HikariCP pool, named {@value #POOL_NAME}, serves writes and reads alike. Its defaults suit
 * a small server:
 *
 * <ul>
 *   <li>at most {@link StoreSettings#maxConnections()} connections (10 by default), at least
 *       {@value #MIN_IDLE} kept idle;
 *   <li>a caller waits {@link StoreSettings#connectionTimeout()} for a connection (10 s by
 *       default), and the driver gives up connecting to the server after the same time;
 *   <li>idle connections beyond the minimum close after 5 minutes, every connection is replaced
 *       after 30 minutes, and an idle one is tested every 2 minutes so that a firewall or the
 *       server dropping it is noticed before a caller gets it;
 *   <li>{@code reWriteBatchedInserts=true}, so that a JDBC batch of inserts travels as multi-row
 *       statements.
 * </ul>
 *
 * <p>The user name and password are handed to the driver as data source properties; the JDBC URL
 * the pool holds, and logs at DEBUG, never contains them.
 *
 * <p><b>NOTE:</b> after a server restart every pooled connection is dead. HikariCP tests a
 * connection before handing it out unless it was used less than {@code
 * com.zaxxer.hikari.aliveBypassWindowMs} (500 ms by default) ago. A restart takes longer than that,
 * so every dead connection is tested, dropped and replaced, and the first call after the restart
 * succeeds. This provider leaves that JVM-wide system property alone: setting it would change every
 * other HikariCP pool of the application. A connection that dies within 500 ms of its last use (a
 * backend killed by an administrator) can still reach one caller, who gets a {@link
 * StorageUnavailableException}; the pool then drops it. Set the property to {@code 0} at JVM start
 * to test every connection on every borrow.
 *
 * <p>The schema is migrated on open, under a PostgreSQL advisory lock, so that several processes
 * opening one database at once apply it once (see {@link SchemaMigrator}).
 */
public final class PostgresHostStoreProvider implements HostStoreProvider {
  /** The name of every pool this provider creates, as HikariCP's log lines show it. */
  public static final String POOL_NAME = "hostdb-postgres";

  /** Idle connections kept open, so that the first calls after a quiet spell wait for none. */
  public static final int MIN_IDLE = 2;

  private static final Logger LOG = LoggerFactory.getLogger(PostgresHostStoreProvider.class);
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration MAX_LIFETIME = Duration.ofMinutes(30);
  private static final Duration KEEPALIVE = Duration.ofMinutes(2);
  private static final long MIN_WAIT_MILLIS = 250;

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public PostgresHostStoreProvider() {}

  @Override
  public String kind() {
    return "postgresql";
  }

  @Override
  public HostStore open(DatabaseUrl url, StoreSettings settings) {
    if (!kind().equals(url.kind())) {
      throw new InvalidInputException("database url", url + " is not a PostgreSQL URL");
    }
    HikariDataSource pool = pool(url, settings);
    try {
      migrate(pool, url);
      JdbcHostStore store = new JdbcHostStore(url, pool, pool, new PostgresDialect(), pool);
      LOG.info("Opened host database {}, schema {}", url, store.schemaVersion());
      return store;
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static void migrate(HikariDataSource pool, DatabaseUrl url) {
    try (Connection connection = pool.getConnection()) {
      SchemaMigrator.migrate(connection);
    } catch (SQLException e) {
      throw new StorageUnavailableException(
          "migrate " + url + ": cannot connect (SQLState " + e.getSQLState() + ")", e);
    }
  }

  private static HikariDataSource pool(DatabaseUrl url, StoreSettings settings) {
    long wait = Math.max(MIN_WAIT_MILLIS, settings.connectionTimeout().toMillis());
    HikariConfig config = new HikariConfig();
    config.setPoolName(POOL_NAME);
    config.setJdbcUrl(url.jdbcUrl());
    if (url.user() != null) {
      config.addDataSourceProperty("user", url.user());
    }
    if (url.password() != null) {
      config.addDataSourceProperty("password", url.password());
    }
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", "hostdb");
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, wait / 1000)));
    config.setMaximumPoolSize(settings.maxConnections());
    config.setMinimumIdle(Math.min(MIN_IDLE, settings.maxConnections()));
    config.setConnectionTimeout(wait);
    config.setValidationTimeout(Math.min(wait, Duration.ofSeconds(5).toMillis()));
    config.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    config.setMaxLifetime(MAX_LIFETIME.toMillis());
    config.setKeepaliveTime(KEEPALIVE.toMillis());
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StorageUnavailableException(
          "open " + url + ": " + e.getClass().getSimpleName() + causeState(e), e);
    }
  }

  private static String causeState(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return " (SQLState " + sql.getSQLState() + ")";
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return "PostgresHostStoreProvider[" + kind() + "]";
  }
}
