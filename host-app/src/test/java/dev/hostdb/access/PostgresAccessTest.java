package dev.hostdb.access;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The access decisions' tests, each on a fresh PostgreSQL database. */
class PostgresAccessTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  @Nested
  class Decisions extends AccessTest {
    @Override
    DatabaseUrl hostUrl() {
      return DATABASES.create().url();
    }
  }

  @Nested
  class Concurrency extends AccessConcurrencyTest {
    @Override
    DatabaseUrl hostUrl() {
      return DATABASES.create().url();
    }
  }
}
