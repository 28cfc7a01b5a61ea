package dev.hostdb.provisioning;

import dev.hostdb.domain.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Provisioning on SQLite: the host and each tenant a file of its own, tenants in new folders. */
class SqliteTenantProvisioningTest extends TenantProvisioningTest {
  private final AtomicInteger tenants = new AtomicInteger();

  @Override
  DatabaseUrl hostUrl() {
    return DatabaseUrl.sqliteFile(tempDir.resolve("host.db").toString());
  }

  @Override
  DatabaseUrl newTenantDatabaseUrl() {
    Path file = tempDir.resolve("tenants").resolve("t" + tenants.incrementAndGet()).resolve("t.db");
    return DatabaseUrl.parse("sqlite:///" + file);
  }

  @Override
  boolean databaseExists(DatabaseUrl url) {
    return Files.exists(Path.of(url.sqlitePath()));
  }
}
