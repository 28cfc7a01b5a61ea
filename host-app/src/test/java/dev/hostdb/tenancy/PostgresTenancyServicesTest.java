package dev.hostdb.tenancy;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tenancy services' tests, each on a fresh PostgreSQL database. */
class PostgresTenancyServicesTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  @Nested
  class Tenants extends TenancyTest {
    @Override
    DatabaseUrl hostUrl() {
      return DATABASES.create().url();
    }
  }

  @Nested
  class Memberships extends MembershipsTest {
    @Override
    DatabaseUrl hostUrl() {
      return DATABASES.create().url();
    }
  }

  @Nested
  class Billing extends BillingTest {
    @Override
    DatabaseUrl hostUrl() {
      return DATABASES.create().url();
    }
  }

  @Nested
  class Plans extends PlansTest {
    @Override
    DatabaseUrl hostUrl() {
      return DATABASES.create().url();
    }
  }
}
