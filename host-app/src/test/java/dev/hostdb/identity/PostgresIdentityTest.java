package dev.hostdb.identity;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The identity service's tests, each on a fresh PostgreSQL database. */
class PostgresIdentityTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  @Nested
  class Accounts extends IdentityTest {
    @Override
    DatabaseUrl hostUrl() {
      return DATABASES.create().url();
    }
  }
}
