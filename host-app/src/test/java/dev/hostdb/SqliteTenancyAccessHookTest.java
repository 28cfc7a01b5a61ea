package dev.hostdb;

import dev.hostdb.domain.DatabaseUrl;
import org.junit.jupiter.api.Nested;

/** The services' hooks into the access cache and the routes, each on a SQLite file of its own. */
class SqliteTenancyAccessHookTest {

  @Nested
  class Hooks extends TenancyAccessHookTest {
    @Override
    DatabaseUrl hostUrl() {
      return DatabaseUrl.sqliteFile(tempDir.resolve("host.db").toString());
    }
  }
}
