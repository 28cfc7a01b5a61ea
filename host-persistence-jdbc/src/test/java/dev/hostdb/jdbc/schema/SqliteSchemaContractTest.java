package dev.hostdb.jdbc.schema;

import dev.hostdb.jdbc.testing.ReferenceDatabase;
import dev.hostdb.jdbc.testing.SchemaContractTest;
import dev.hostdb.jdbc.testing.SchemaInspector;
import dev.hostdb.jdbc.testing.SqliteDatabases;
import dev.hostdb.jdbc.testing.SqliteSchemaInspector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaContractTest extends SchemaContractTest {
  @TempDir Path directory;

  @Override
  protected Connection connect() throws SQLException {
    return SqliteDatabases.open(directory.resolve("host.db"));
  }

  @Override
  protected SchemaInspector inspector(Connection connection) {
    return new SqliteSchemaInspector(connection);
  }

  @Override
  protected ReferenceDatabase.Flavor flavor() {
    return ReferenceDatabase.Flavor.SQLITE;
  }

  @Override
  protected Set<String> appendOnlyTriggers() {
    return Set.of("tr_sys_audit_logs_no_update", "tr_sys_audit_logs_no_delete");
  }
}
