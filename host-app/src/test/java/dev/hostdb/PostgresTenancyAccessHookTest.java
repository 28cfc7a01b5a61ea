package dev.hostdb;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The services' hooks into the access cache and the routes, each on a fresh PostgreSQL database.
 */
class PostgresTenancyAccessHookTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  @Nested
  class Hooks extends TenancyAccessHookTest {
    @Override
    DatabaseUrl hostUrl() {
      return DATABASES.create().url();
    }
  }
}
