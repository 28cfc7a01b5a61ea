package dev.hostdb.tenancy;

import dev.hostdb.domain.DatabaseUrl;
import org.junit.jupiter.api.Nested;

/** The tenancy services' tests, each on a SQLite file of its own. */
class SqliteTenancyServicesTest {

  @Nested
  class Tenants extends TenancyTest {
    @Override
    DatabaseUrl hostUrl() {
      return DatabaseUrl.sqliteFile(tempDir.resolve("host.db").toString());
    }
  }

  @Nested
  class Memberships extends MembershipsTest {
    @Override
    DatabaseUrl hostUrl() {
      return DatabaseUrl.sqliteFile(tempDir.resolve("host.db").toString());
    }
  }

  @Nested
  class Billing extends BillingTest {
    @Override
    DatabaseUrl hostUrl() {
      return DatabaseUrl.sqliteFile(tempDir.resolve("host.db").toString());
    }
  }

  @Nested
  class Plans extends PlansTest {
    @Override
    DatabaseUrl hostUrl() {
      return DatabaseUrl.sqliteFile(tempDir.resolve("host.db").toString());
    }
  }
}
