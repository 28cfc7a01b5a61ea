package dev.hostdb.sqlite;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens SQLite host databases ({@code sqlite:///app_host.db}, {@code jdbc:sqlite:app_host.db}).
 *
 * <p>Every connection runs in WAL mode with {@code synchronous=FULL}, foreign keys enforced and a
 * busy timeout, all set as driver properties so that they hold on every connection. Writes go
 * through one writer connection whose transactions begin {@code IMMEDIATE}, so a transaction that
 * reads before it writes never fails with {@code SQLITE_BUSY}; reads run in parallel on a pool of
 * connections that refuse writes ({@code PRAGMA query_only}).
 */
public final class SqliteHostStoreProvider implements HostStoreProvider {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteHostStoreProvider.class);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SqliteHostStoreProvider() {}

  @Override
  public String kind() {
    return "sqlite";
  }

  @Override
  public HostStore open(DatabaseUrl url, StoreSettings settings) {
    if (!kind().equals(url.kind())) {
      throw new InvalidInputException("database url", url + " is not a SQLite URL");
    }
    Path file = Path.of(url.sqlitePath()).toAbsolutePath();
    Path folder = file.getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      throw new StorageUnavailableException(
          "open " + url + ": the folder " + folder + " does not exist");
    }
    HikariDataSource writer = pool("writer", file, settings, 1, false);
    HikariDataSource reader = null;
    try {
      migrate(writer, url);
      reader = pool("reader", file, settings, settings.maxConnections(), true);
      JdbcHostStore store =
          new JdbcHostStore(url, writer, reader, new SqliteDialect(), closing(writer, reader));
      LOG.info("Opened host database {}, schema {}", url, store.schemaVersion());
      return store;
    } catch (RuntimeException e) {
      writer.close();
      if (reader != null) {
        reader.close();
      }
      throw e;
    }
  }

  private static void migrate(HikariDataSource writer, DatabaseUrl url) {
    try (Connection connection = writer.getConnection()) {
      SchemaMigrator.migrate(connection);
    } catch (SQLException e) {
      throw new StorageUnavailableException("migrate " + url + ": cannot connect", e);
    }
  }

  private static AutoCloseable closing(HikariDataSource writer, HikariDataSource reader) {
    return () -> {
      try (writer) {
        reader.close();
      }
    };
  }

  static HikariDataSource pool(
      String role, Path file, StoreSettings settings, int size, boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setBusyTimeout(
        (int) Math.min(Integer.MAX_VALUE, settings.connectionTimeout().toMillis()));
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    if (!readOnly) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    }
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);

    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("hostdb-sqlite-" + role);
    hikari.setDataSource(dataSource);
    if (readOnly) {
      // query_only rather than a read-only open: SQLite reads about a quarter slower on
      // connections opened SQLITE_OPEN_READONLY in WAL mode (measured with AccessDecision)
      hikari.setConnectionInitSql("PRAGMA query_only = ON");
    }
    hikari.setMaximumPoolSize(size);
    hikari.setMinimumIdle(Math.min(size, 1));
    hikari.setConnectionTimeout(Math.max(250, settings.connectionTimeout().toMillis()));
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StorageUnavailableException(
          "open SQLite database " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }
}
