package dev.hostdb.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import dev.hostdb.jdbc.testing.PostgresSchemaInspector;
import dev.hostdb.jdbc.testing.PostgresTestDatabase;
import dev.hostdb.jdbc.testing.ReferenceDatabase;
import dev.hostdb.jdbc.testing.SchemaContractTest;
import dev.hostdb.jdbc.testing.SchemaInspector;
import dev.hostdb.jdbc.testing.SchemaInspector.ForeignKey;
import dev.hostdb.jdbc.testing.SqliteDatabases;
import dev.hostdb.jdbc.testing.SqliteSchemaInspector;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL in the middle of a migration, inside the changeset of {@code
 * core_memberships} with Liquibase's lock row set, leaves no lock that blocks the next start, and
 * the next start completes the schema and keeps every row (#3).
 *
 * <p>The migration runs in a child JVM ({@link MigratingProcess}) that is made to stop inside the
 * changeset before it is killed, so the kill always lands at the same place.
 */
class KilledMigrationTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  /** How long the child may take to start its JVM and reach the changeset. */
  private static final Duration REACH_CHANGESET = Duration.ofSeconds(30);

  /** How long the next start may take; a lock left behind would make it wait for good. */
  private static final Duration NEXT_START = Duration.ofSeconds(60);

  @TempDir Path folder;

  @Test
  @Timeout(120)
  void a_sqlite_migration_killed_inside_a_changeset_leaves_no_lock_and_the_next_start_completes()
      throws Exception {
    Path file = folder.resolve("host.db");
    Map<String, List<Map<String, Object>>> before;
    try (Connection connection = SqliteDatabases.open(file)) {
      ReferenceDatabase reference =
          ReferenceDatabase.create(connection, ReferenceDatabase.Flavor.SQLITE);
      reference.populate();
      before = reference.snapshot();
    }

    try (MigratingProcess child =
        MigratingProcess.start(DatabaseUrl.sqliteFile(file.toString()), "core_memberships_new")) {
      // the child stops on the first row copied into the rebuilt table, transaction open
      child.awaitLine(MigratingProcess.PAUSED, REACH_CHANGESET);
      assertThat(migrationLockIsFree(file)).as("the child holds the migration lock").isFalse();
      child.kill();
    }

    assertThat(migrationLockIsFree(file)).as("the OS released the killed child's lock").isTrue();
    assertThat(folder.resolve("host.db-journal"))
        .as("the rollback journal of the killed changeset")
        .exists();
    try (Connection connection = SqliteDatabases.open(file)) {
      ReferenceDatabase reference =
          ReferenceDatabase.attach(connection, ReferenceDatabase.Flavor.SQLITE);
      assertThat(SchemaMigrator.currentVersion(connection)).isEqualTo("constrain-sys_jobs-sqlite");
      assertThat(liquibaseLocks(connection)).as("the lock row the killed child left set").isOne();

      MigrationResult result =
          assertTimeoutPreemptively(NEXT_START, () -> SchemaMigrator.migrate(connection));

      assertThat(result.fromVersion()).isEqualTo("constrain-sys_jobs-sqlite");
      assertThat(result.appliedChangeSets())
          .startsWith("constrain-core_memberships-sqlite", "constrain-core_subscriptions-sqlite")
          .endsWith(SchemaContractTest.LATEST_CHANGESET);
      assertThat(SchemaMigrator.currentVersion(connection))
          .isEqualTo(SchemaContractTest.LATEST_CHANGESET);
      assertThat(liquibaseLocks(connection)).isZero();
      assertThat(reference.snapshot()).isEqualTo(before);
      SqliteSchemaInspector inspector = new SqliteSchemaInspector(connection);
      assertThat(inspector.tables()).doesNotContain("core_memberships_new");
      assertCompleteSchema(inspector);
    }
  }

  @Test
  @Timeout(120)
  void
      a_postgresql_migration_killed_inside_a_changeset_leaves_no_lock_and_the_next_start_completes()
          throws Exception {
    PostgresTestDatabase database = DATABASES.create();
    Map<String, List<Map<String, Object>>> before;
    try (Connection connection = database.connect()) {
      ReferenceDatabase reference =
          ReferenceDatabase.create(connection, ReferenceDatabase.Flavor.POSTGRESQL);
      reference.populate();
      before = reference.snapshot();
    }

    try (Connection blocker = database.connect();
        Connection monitor = database.connect()) {
      // SHARE lets the row check read core_memberships but stops the changeset's first UPDATE;
      // ACCESS EXCLUSIVE would stop the child in the row check, before any changeset ran
      blocker.setAutoCommit(false);
      execute(blocker, "LOCK TABLE core_memberships IN SHARE MODE");
      try (MigratingProcess child = MigratingProcess.start(database.url(), null)) {
        assertThat(awaitBlockedOnMemberships(monitor, child)).contains("UPDATE core_memberships");
        child.kill();
      }
      assertThat(SchemaMigrator.currentVersion(monitor)).isEqualTo("constrain-sys_jobs-postgresql");
      assertThat(liquibaseLocks(monitor)).as("the lock row the killed child left set").isOne();
      // the killed child's session ends once its UPDATE gets the lock and finds the client gone
      blocker.rollback();
    }

    try (Connection connection = database.connect()) {
      MigrationResult result =
          assertTimeoutPreemptively(NEXT_START, () -> SchemaMigrator.migrate(connection));

      assertThat(result.fromVersion()).isEqualTo("constrain-sys_jobs-postgresql");
      assertThat(result.appliedChangeSets())
          .startsWith(
              "constrain-core_memberships-postgresql", "constrain-core_subscriptions-postgresql")
          .endsWith(SchemaContractTest.LATEST_CHANGESET);
      assertThat(SchemaMigrator.currentVersion(connection))
          .isEqualTo(SchemaContractTest.LATEST_CHANGESET);
      assertThat(liquibaseLocks(connection)).isZero();
      ReferenceDatabase reference =
          ReferenceDatabase.attach(connection, ReferenceDatabase.Flavor.POSTGRESQL);
      assertThat(reference.snapshot()).isEqualTo(before);
      assertCompleteSchema(new PostgresSchemaInspector(connection));
    }
  }

  /**
   * Waits until the child's migration session waits for a lock on {@code core_memberships}.
   *
   * @return the statement it waits in
   */
  private static String awaitBlockedOnMemberships(Connection monitor, MigratingProcess child)
      throws SQLException, InterruptedException {
    String sql =
        """
        SELECT a.query FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
         WHERE a.datname = current_database() AND a.application_name = ?
           AND NOT l.granted AND l.relation = 'core_memberships'::regclass
        """;
    long deadline = System.nanoTime() + REACH_CHANGESET.toNanos();
    while (true) {
      try (PreparedStatement statement = monitor.prepareStatement(sql)) {
        statement.setString(1, MigratingProcess.APPLICATION_NAME);
        try (ResultSet rows = statement.executeQuery()) {
          if (rows.next()) {
            return rows.getString(1);
          }
        }
      }
      child.assertAlive();
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "The migrating process did not wait for core_memberships within "
                + REACH_CHANGESET
                + ":\n"
                + child.outputText());
      }
      Thread.sleep(50); // polling interval only
    }
  }

  /** Tries the lock that {@link MigrationLock} takes on SQLite, and lets it go at once. */
  private static boolean migrationLockIsFree(Path database) throws IOException {
    Path file = database.resolveSibling(database.getFileName() + ".migration-lock");
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return false;
      }
      lock.release();
      return true;
    }
  }

  private static int liquibaseLocks(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT COUNT(*) FROM databasechangeloglock WHERE locked = TRUE")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void assertCompleteSchema(SchemaInspector inspector) throws SQLException {
    assertThat(inspector.foreignKeys("core_memberships"))
        .containsExactlyInAnyOrder(
            new ForeignKey("user_id", "core_users", "id"),
            new ForeignKey("tenant_id", "core_tenants", "id"));
    assertThat(inspector.foreignKeys("core_subscriptions"))
        .containsExactly(new ForeignKey("tenant_id", "core_tenants", "id"));
    assertThat(inspector.notNullColumns("core_memberships"))
        .containsExactlyInAnyOrder(
            "id", "user_id", "tenant_id", "profile_id", "role", "is_active", "created_at");
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
