package dev.hostdb.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.StorageUnavailableException;
import dev.hostdb.jdbc.testing.ReferenceDatabase;
import dev.hostdb.jdbc.testing.SqliteDatabases;
import dev.hostdb.jdbc.testing.SqliteSchemaInspector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite-only behaviour of the migrator: transactions around rebuilds, connection state. */
class SqliteSchemaMigratorTest {
  @TempDir Path directory;

  private Connection connection;
  private ReferenceDatabase reference;

  @BeforeEach
  void open() throws SQLException {
    connection = SqliteDatabases.open(directory.resolve("host.db"));
    reference = ReferenceDatabase.create(connection, ReferenceDatabase.Flavor.SQLITE);
    reference.populate();
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void a_failing_rebuild_is_rolled_back_and_named() throws SQLException {
    // A view on the old table makes SQLite refuse the rename at the end of the rebuild, a
    // failure the row check cannot foresee.
    execute("CREATE VIEW owners AS SELECT user_id FROM core_memberships WHERE role = 'owner'");
    Map<String, List<Map<String, Object>>> before = reference.snapshot();

    assertThatThrownBy(() -> SchemaMigrator.migrate(connection))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("constrain-core_memberships-sqlite");

    SqliteSchemaInspector inspector = new SqliteSchemaInspector(connection);
    assertThat(reference.snapshot()).isEqualTo(before);
    assertThat(inspector.tables()).doesNotContain("core_memberships_new");
    assertThat(inspector.foreignKeys("core_memberships")).isEmpty();
    assertThat(inspector.notNullColumns("core_memberships")).isEmpty();
    assertThat(SchemaMigrator.currentVersion(connection)).isEqualTo("constrain-sys_jobs-sqlite");
  }

  @Test
  void resumes_from_the_failed_changeset_once_the_cause_is_removed() throws SQLException {
    execute("CREATE VIEW owners AS SELECT user_id FROM core_memberships WHERE role = 'owner'");
    assertThatThrownBy(() -> SchemaMigrator.migrate(connection))
        .isInstanceOf(StorageUnavailableException.class);
    execute("DROP VIEW owners");

    MigrationResult result = SchemaMigrator.migrate(connection);

    assertThat(result.fromVersion()).isEqualTo("constrain-sys_jobs-sqlite");
    assertThat(result.appliedChangeSets())
        .startsWith("constrain-core_memberships-sqlite", "constrain-core_subscriptions-sqlite");
  }

  @Test
  void leaves_the_connection_open_in_its_auto_commit_mode() throws SQLException {
    SchemaMigrator.migrate(connection);

    assertThat(connection.isClosed()).isFalse();
    assertThat(connection.getAutoCommit()).isTrue();
  }

  @Test
  void reports_no_version_before_the_first_migration() {
    assertThat(SchemaMigrator.currentVersion(connection)).isEqualTo(SchemaMigrator.NO_VERSION);
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
