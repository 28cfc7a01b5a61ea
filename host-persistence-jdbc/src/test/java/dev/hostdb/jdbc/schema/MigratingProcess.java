package dev.hostdb.jdbc.schema;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.jdbc.testing.ChildJvm;
import dev.hostdb.jdbc.testing.SqliteDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.sqlite.SQLiteConnection;

/**
 * A separate JVM that runs {@link SchemaMigrator#migrate} on one database, so that a test can kill
 * a migration the way an operator or the OOM killer does: with SIGKILL, no shutdown hooks, no
 * {@code finally}.
 *
 * <p>The child reads the database URL from the environment variable {@value #URL_VARIABLE}, never
 * from its command line, so a password does not show in the process list. On SQLite it can stop
 * inside a changeset: given a table name, it blocks on the first row written to that table, with
 * the changeset's transaction open, and prints {@value #PAUSED} and the table name. On PostgreSQL
 * it connects as application {@value #APPLICATION_NAME}, so the parent can find its session.
 */
public final class MigratingProcess implements AutoCloseable {
  /** The environment variable that passes the database URL to the child. */
  static final String URL_VARIABLE = "HOSTDB_MIGRATING_PROCESS_URL";

  /** The PostgreSQL {@code application_name} of the child's migration connection. */
  static final String APPLICATION_NAME = "hostdb-migrating-process";

  /** The line the child prints once it has stopped inside a changeset, followed by the table. */
  static final String PAUSED = "PAUSED ";

  /** The line the child prints when the migration returned, followed by the version. */
  static final String MIGRATED = "MIGRATED ";

  private final ChildJvm child;

  private MigratingProcess(ChildJvm child) {
    this.child = child;
  }

  /**
   * Runs in the child JVM.
   *
   * @param args optionally the table whose first written row stops the migration (SQLite only)
   * @throws Exception when the migration fails; the child then exits with a stack trace
   */
  public static void main(String[] args) throws Exception {
    DatabaseUrl url = DatabaseUrl.parse(System.getenv(URL_VARIABLE));
    try (Connection connection = connect(url)) {
      if (args.length > 0) {
        pauseOnFirstRowOf(connection.unwrap(SQLiteConnection.class), args[0]);
      }
      MigrationResult result = SchemaMigrator.migrate(connection);
      System.out.println(MIGRATED + result.toVersion());
    }
  }

  /**
   * Starts a child JVM on the test classpath that migrates the database.
   *
   * @param url the database
   * @param pauseAtTable for SQLite, the table whose first written row stops the migration; null to
   *     run it without stopping
   * @return the running child; close it to kill it
   * @throws IOException when the JVM cannot be started
   */
  static MigratingProcess start(DatabaseUrl url, String pauseAtTable) throws IOException {
    String[] args = pauseAtTable == null ? new String[0] : new String[] {pauseAtTable};
    return new MigratingProcess(
        ChildJvm.start(
            "The migrating process",
            MigratingProcess.class,
            Map.of(URL_VARIABLE, url.reveal()),
            args));
  }

  /**
   * Waits until the child printed a line that starts with the given text.
   *
   * @param prefix e.g. {@link #PAUSED}
   * @param timeout how long to wait at most
   * @throws AssertionError when the child exits or the time runs out first; the message holds the
   *     child's output
   */
  void awaitLine(String prefix, Duration timeout) throws InterruptedException {
    child.awaitLine(prefix, timeout);
  }

  /**
   * Fails unless the child still runs.
   *
   * @throws AssertionError with the child's exit code and output when it has exited
   */
  void assertAlive() {
    child.assertAlive();
  }

  /**
   * Kills the child with SIGKILL and waits until it is gone.
   *
   * @throws AssertionError when it is still there after ten seconds
   */
  void kill() throws InterruptedException {
    child.kill();
  }

  /**
   * Tells what the child printed so far, standard output and error interleaved.
   *
   * @return the lines, joined
   */
  String outputText() {
    return child.outputText();
  }

  /** Kills the child if it still runs; never throws. */
  @Override
  public void close() {
    child.close();
  }

  private static Connection connect(DatabaseUrl url) throws Exception {
    if ("sqlite".equals(url.kind())) {
      return SqliteDatabases.open(Path.of(url.sqlitePath()));
    }
    Properties properties = new Properties();
    if (url.user() != null) {
      properties.setProperty("user", url.user());
    }
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    return DriverManager.getConnection(url.jdbcUrl(), properties);
  }

  /**
   * Blocks the migration for good on the first row written to the table: the update hook runs
   * inside the statement, so the changeset's transaction stays open with its write lock and its
   * rollback journal, as in a process that dies halfway through a table rebuild.
   */
  private static void pauseOnFirstRowOf(SQLiteConnection connection, String table) {
    CountDownLatch never = new CountDownLatch(1);
    connection.addUpdateListener(
        (type, database, written, rowId) -> {
          if (written.equalsIgnoreCase(table)) {
            System.out.println(PAUSED + table);
            System.out.flush();
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
  }
}
