package dev.hostdb.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.jdbc.SqlErrorKind;
import dev.hostdb.jdbc.contract.AuditLogContract;
import dev.hostdb.jdbc.contract.JobQueueContract;
import dev.hostdb.jdbc.contract.MembershipRepositoryContract;
import dev.hostdb.jdbc.contract.PricingPlanRepositoryContract;
import dev.hostdb.jdbc.contract.SubscriptionRepositoryContract;
import dev.hostdb.jdbc.contract.TenantCatalogContract;
import dev.hostdb.jdbc.contract.TransactionsContract;
import dev.hostdb.jdbc.contract.UserRepositoryContract;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import dev.hostdb.jdbc.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
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
    private PostgresTestDatabase database;

    @Override
    protected HostStore openStore() {
      database = DATABASES.create();
      return new PostgresHostStoreProvider().open(database.url(), StoreSettings.defaults());
    }

    @Override
    protected Connection connectRaw() throws SQLException {
      return database.connect();
    }

    @Override
    protected void disableAppendOnly(Statement statement) throws SQLException {
      statement.execute("ALTER TABLE sys_audit_logs DISABLE TRIGGER USER");
    }

    @Override
    protected void enableAppendOnly(Statement statement) throws SQLException {
      statement.execute("ALTER TABLE sys_audit_logs ENABLE TRIGGER USER");
    }

    @Override
    protected void assertAppendOnlyRefusal(SQLException refusal) {
      assertThat((Throwable) refusal).isNotNull();
      assertThat(refusal.getSQLState()).isEqualTo(PostgresDialect.APPEND_ONLY_STATE);
      assertThat(new PostgresDialect().classify(refusal))
          .isEqualTo(SqlErrorKind.APPEND_ONLY_VIOLATION);
    }

    @Test
    void the_database_refuses_truncate_of_the_audit_log() throws SQLException {
      store.auditLog().append(new AuditEntry(Id.random(), Id.SYSTEM, "x.y", null, null, null, now));

      try (Connection connection = connectRaw();
          Statement statement = connection.createStatement()) {
        assertAppendOnlyRefusal(
            catchThrowableOfType(
                SQLException.class, () -> statement.execute("TRUNCATE sys_audit_logs")));
      }

      assertThat(store.auditLog().count()).isEqualTo(1);
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
