package dev.hostdb.jobs;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job runner's tests, each on a fresh PostgreSQL database. */
class PostgresJobRunnerTest extends JobRunnerTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  private DatabaseUrl url;

  @Override
  DatabaseUrl hostUrl() {
    if (url == null) {
      url = DATABASES.create().url();
    }
    return url;
  }
}
