package dev.hostdb.sqlite;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.jdbc.contract.AuditLogContract;
import dev.hostdb.jdbc.contract.BulkImportContract;
import dev.hostdb.jdbc.contract.JobQueueContract;
import dev.hostdb.jdbc.contract.MembershipRepositoryContract;
import dev.hostdb.jdbc.contract.PricingPlanRepositoryContract;
import dev.hostdb.jdbc.contract.SubscriptionRepositoryContract;
import dev.hostdb.jdbc.contract.TenantCatalogContract;
import dev.hostdb.jdbc.contract.TransactionsContract;
import dev.hostdb.jdbc.contract.UserRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** Every port's contract suite, run on a SQLite file per test. */
class SqliteContractTest {

  static HostStore open(Path folder) {
    return new SqliteHostStoreProvider()
        .open(
            DatabaseUrl.sqliteFile(folder.resolve("host.db").toString()), StoreSettings.defaults());
  }

  @Nested
  class Users extends UserRepositoryContract {
    @Override
    protected HostStore openStore() {
      return open(tempDir);
    }
  }

  @Nested
  class Tenants extends TenantCatalogContract {
    @Override
    protected HostStore openStore() {
      return open(tempDir);
    }
  }

  @Nested
  class Memberships extends MembershipRepositoryContract {
    @Override
    protected HostStore openStore() {
      return open(tempDir);
    }
  }

  @Nested
  class Subscriptions extends SubscriptionRepositoryContract {
    @Override
    protected HostStore openStore() {
      return open(tempDir);
    }
  }

  @Nested
  class PricingPlans extends PricingPlanRepositoryContract {
    @Override
    protected HostStore openStore() {
      return open(tempDir);
    }
  }

  @Nested
  class Audit extends AuditLogContract {
    @Override
    protected HostStore openStore() {
      return open(tempDir);
    }
  }

  @Nested
  class Jobs extends JobQueueContract {
    @Override
    protected HostStore openStore() {
      return open(tempDir);
    }
  }

  @Nested
  class Transactions extends TransactionsContract {
    @Override
    protected HostStore openStore() {
      return open(tempDir);
    }
  }

  @Nested
  class Bulk extends BulkImportContract {
    @Override
    protected HostStore openStore() {
      return open(tempDir);
    }
  }
}
