package dev.hostdb.jobs;

import dev.hostdb.domain.DatabaseUrl;

/** The job runner's tests on a SQLite file of their own. */
class SqliteJobRunnerTest extends JobRunnerTest {
  @Override
  DatabaseUrl hostUrl() {
    return DatabaseUrl.sqliteFile(tempDir.resolve("host.db").toString());
  }
}
