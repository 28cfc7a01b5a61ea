package dev.hostdb.jdbc.schema;

import dev.hostdb.jdbc.testing.PostgresDatabases;
import dev.hostdb.jdbc.testing.PostgresSchemaInspector;
import dev.hostdb.jdbc.testing.PostgresTestDatabase;
import dev.hostdb.jdbc.testing.ReferenceDatabase;
import dev.hostdb.jdbc.testing.SchemaContractTest;
import dev.hostdb.jdbc.testing.SchemaInspector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSchemaContractTest extends SchemaContractTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  private PostgresTestDatabase database;

  @Override
  protected Connection connect() throws SQLException {
    if (database == null) {
      database = DATABASES.create();
    }
    return database.connect();
  }

  @AfterEach
  void forgetDatabase() {
    database = null;
  }

  @Override
  protected SchemaInspector inspector(Connection connection) {
    return new PostgresSchemaInspector(connection);
  }

  @Override
  protected ReferenceDatabase.Flavor flavor() {
    return ReferenceDatabase.Flavor.POSTGRESQL;
  }

  @Override
  protected Set<String> appendOnlyTriggers() {
    return Set.of("tr_sys_audit_logs_append_only", "tr_sys_audit_logs_no_truncate");
  }
}
