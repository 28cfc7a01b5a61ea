package dev.hostdb.identity;

import dev.hostdb.domain.DatabaseUrl;
import org.junit.jupiter.api.Nested;

/** The identity service's tests, each on a SQLite file of its own. */
class SqliteIdentityTest {

  @Nested
  class Accounts extends IdentityTest {
    @Override
    DatabaseUrl hostUrl() {
      return DatabaseUrl.sqliteFile(dir.resolve("host.db").toString());
    }
  }
}
