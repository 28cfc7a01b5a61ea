package dev.hostdb.jdbc.postgres;

import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.jdbc.contract.AuditLogContract;
import dev.hostdb.jdbc.contract.JobQueueContract;
import dev.hostdb.jdbc.contract.MembershipRepositoryContract;
import dev.hostdb.jdbc.contract.PricingPlanRepositoryContract;
import dev.hostdb.jdbc.contract.SubscriptionRepositoryContract;
import dev.hostdb.jdbc.contract.TenantCatalogContract;
import dev.hostdb.jdbc.contract.TransactionsContract;
import dev.hostdb.jdbc.contract.UserRepositoryContract;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every port's contract suite, run on a fresh PostgreSQL database per test. */
class PostgresContractTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  static HostStore open() {
    return new PostgresHostStoreProvider().open(DATABASES.create().url(), StoreSettings.defaults());
  }

  @Nested
  class Users extends UserRepositoryContract {
    @Override
    protected HostStore openStore() {
      return open();
    }
  }

  @Nested
  class Tenants extends TenantCatalogContract {
    @Override
    protected HostStore openStore() {
      return open();
    }
  }

  @Nested
  class Memberships extends MembershipRepositoryContract {
    @Override
    protected HostStore openStore() {
      return open();
    }
  }

  @Nested
  class Subscriptions extends SubscriptionRepositoryContract {
    @Override
    protected HostStore openStore() {
      return open();
    }
  }

  @Nested
  class PricingPlans extends PricingPlanRepositoryContract {
    @Override
    protected HostStore openStore() {
      return open();
    }
  }

  @Nested
  class Audit extends AuditLogContract {
    @Override
    protected HostStore openStore() {
      return open();
    }
  }

  @Nested
  class Jobs extends JobQueueContract {
    @Override
    protected HostStore openStore() {
      return open();
    }
  }

  @Nested
  class Transactions extends TransactionsContract {
    @Override
    protected HostStore openStore() {
      return open();
    }
  }
}
