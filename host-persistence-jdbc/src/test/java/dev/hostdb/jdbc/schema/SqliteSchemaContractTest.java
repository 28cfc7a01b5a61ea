package dev.hostdb.jdbc.schema;

import dev.hostdb.jdbc.testing.ReferenceDatabase;
import dev.hostdb.jdbc.testing.SchemaContractTest;
import dev.hostdb.jdbc.testing.SchemaInspector;
import dev.hostdb.jdbc.testing.SqliteDatabases;
import dev.hostdb.jdbc.testing.SqliteSchemaInspector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
}
