package dev.hostdb.jdbc.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands out fresh databases on the {@link PostgresTestServer} and drops them after each test, once
 * the test's own {@code @AfterEach} methods (closing its stores) have run. Register it as a {@code
 * static} {@code @RegisterExtension} field; {@code @Nested} classes inherit it.
 */
public final class PostgresDatabases implements AfterEachCallback {
  private final List<PostgresTestDatabase> created = new ArrayList<>();

  /**
   * Creates an empty database, dropped after the running test.
   *
   * @return the database
   */
  public synchronized PostgresTestDatabase create() {
    PostgresTestDatabase database = PostgresTestServer.createDatabase();
    created.add(database);
    return database;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<PostgresTestDatabase> toDrop;
    synchronized (this) {
      toDrop = new ArrayList<>(created);
      created.clear();
    }
    for (PostgresTestDatabase database : toDrop) {
      database.close();
    }
  }
}
