package dev.hostdb.benchmarks;

import dev.hostdb.HostConfig;
import dev.hostdb.HostDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * One trial's database, reached two ways: through {@link HostDatabase} and through one plain driver
 * connection of its own ({@link #raw()}), so that both sides of a benchmark read and write the very
 * same tables in the same JVM.
 *
 * <p>SQLite: a fresh file in a temporary folder, deleted on {@link #close()}; the raw connection
 * sets the pragmas HostDB's SQLite adapter sets (WAL, {@code synchronous=FULL}, foreign keys, busy
 * timeout). PostgreSQL: a fresh database on {@link PostgresServer}, dropped on {@link #close()}.
 */
final class BenchDatabase implements AutoCloseable {
  /** The {@code @Param} value for SQLite. */
  static final String SQLITE = "sqlite";

  /** The {@code @Param} value for PostgreSQL. */
  static final String POSTGRES = "postgres";

  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private final String kind;
  private final HostConfig config;
  private final HostDatabase hostDb;
  private final Connection raw;
  private final Cleanup cleanup;

  private interface Cleanup {
    void run() throws IOException, SQLException;
  }

  private interface Connector {
    Connection connect() throws SQLException;
  }

  private final Connector connector;

  private BenchDatabase(
      String kind,
      HostConfig config,
      HostDatabase hostDb,
      Connector connector,
      Connection raw,
      Cleanup cleanup) {
    this.kind = kind;
    this.connector = connector;
    this.config = config;
    this.hostDb = hostDb;
    this.raw = raw;
    this.cleanup = cleanup;
  }

  /**
   * Opens a fresh, migrated, empty database of the given kind ({@link #SQLITE} or {@link
   * #POSTGRES}).
   */
  static BenchDatabase open(String kind) throws IOException, SQLException {
    return open(kind, HostDatabase.Options.defaults());
  }

  /** {@link #open(String)} with HostDB opened with {@code options} (another access cache, say). */
  static BenchDatabase open(String kind, HostDatabase.Options options)
      throws IOException, SQLException {
    return switch (kind) {
      case SQLITE -> sqlite(options);
      case POSTGRES -> postgres(options);
      default ->
          throw new IllegalArgumentException(
              "unknown database '" + kind + "'; use " + SQLITE + " or " + POSTGRES);
    };
  }

  private static BenchDatabase sqlite(HostDatabase.Options options)
      throws IOException, SQLException {
    Path folder = Files.createTempDirectory("hostdb-bench-");
    Path file = folder.resolve("host.db");
    HostConfig hostConfig = HostConfig.of("sqlite:///" + file);
    HostDatabase hostDb = HostDatabase.create(hostConfig, options);
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    Connector connector =
        () -> DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    return new BenchDatabase(
        SQLITE, hostConfig, hostDb, connector, connector.connect(), () -> deleteFolder(folder));
  }

  private static BenchDatabase postgres(HostDatabase.Options options) throws SQLException {
    PostgresServer server = PostgresServer.get();
    String name = server.createDatabase();
    HostConfig hostConfig = HostConfig.of(server.hostDbUrl(name));
    HostDatabase hostDb = HostDatabase.create(hostConfig, options);
    Connector connector = () -> server.connect(name);
    return new BenchDatabase(
        POSTGRES,
        hostConfig,
        hostDb,
        connector,
        connector.connect(),
        () -> server.dropDatabase(name));
  }

  private static void deleteFolder(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The HostDB side. */
  HostDatabase hostDb() {
    return hostDb;
  }

  /**
   * A second HostDB instance on the same database, with other options (another access cache, say);
   * the caller closes it before {@link #close()}.
   */
  HostDatabase openAnother(HostDatabase.Options options) {
    return HostDatabase.create(config, options);
  }

  /** The raw side: one driver connection in auto-commit mode, no pool. */
  Connection raw() {
    return raw;
  }

  /**
   * Another plain driver connection with the same settings as {@link #raw()}, for a raw side that
   * runs on several threads; the caller closes it.
   */
  Connection connectRaw() throws SQLException {
    return connector.connect();
  }

  /** Refreshes the planner's statistics after seeding, so that both sides get the same plans. */
  void analyze() throws SQLException {
    execute("ANALYZE");
  }

  /**
   * Empties the users, tenants and memberships tables. On SQLite the WAL is checkpointed and
   * truncated as well, so that every bulk iteration starts from the same files.
   */
  void emptyTables() throws SQLException {
    if (POSTGRES.equals(kind)) {
      execute("TRUNCATE core_memberships, core_tenants, core_users CASCADE");
    } else {
      execute("DELETE FROM core_memberships");
      execute("DELETE FROM core_tenants");
      execute("DELETE FROM core_users");
      execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = raw.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() throws IOException, SQLException {
    try {
      raw.close();
    } finally {
      hostDb.close();
      cleanup.run();
    }
  }
}
