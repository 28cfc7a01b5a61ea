package dev.hostdb.access;

import dev.hostdb.domain.DatabaseUrl;
import org.junit.jupiter.api.Nested;

/** The access decisions' tests, each on a SQLite file of its own. */
class SqliteAccessTest {

  @Nested
  class Decisions extends AccessTest {
    @Override
    DatabaseUrl hostUrl() {
      return DatabaseUrl.sqliteFile(dir.resolve("host.db").toString());
    }
  }

  @Nested
  class Concurrency extends AccessConcurrencyTest {
    @Override
    DatabaseUrl hostUrl() {
      return DatabaseUrl.sqliteFile(dir.resolve("host.db").toString());
    }
  }
}
