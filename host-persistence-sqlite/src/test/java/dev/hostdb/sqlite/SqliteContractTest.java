package dev.hostdb.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.jdbc.SqlErrorKind;
import dev.hostdb.jdbc.contract.AuditLogContract;
import dev.hostdb.jdbc.contract.BulkImportContract;
import dev.hostdb.jdbc.contract.JobQueueContract;
import dev.hostdb.jdbc.contract.MembershipRepositoryContract;
import dev.hostdb.jdbc.contract.PricingPlanRepositoryContract;
import dev.hostdb.jdbc.contract.SubscriptionRepositoryContract;
import dev.hostdb.jdbc.contract.TenantCatalogContract;
import dev.hostdb.jdbc.contract.TransactionsContract;
import dev.hostdb.jdbc.contract.UserRepositoryContract;
import dev.hostdb.jdbc.testing.SqliteDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Nested;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

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

    @Override
    protected Connection connectRaw() throws SQLException {
      return SqliteDatabases.open(tempDir.resolve("host.db"));
    }

    /** SQLite cannot switch a trigger off: drop both, {@link #enableAppendOnly} re-creates them. */
    @Override
    protected void disableAppendOnly(Statement statement) throws SQLException {
      statement.execute("DROP TRIGGER tr_sys_audit_logs_no_update");
      statement.execute("DROP TRIGGER tr_sys_audit_logs_no_delete");
    }

    @Override
    protected void enableAppendOnly(Statement statement) throws SQLException {
      statement.execute(
          "CREATE TRIGGER tr_sys_audit_logs_no_update BEFORE UPDATE ON sys_audit_logs"
              + " BEGIN SELECT RAISE(ABORT, 'sys_audit_logs is append-only: UPDATE refused'); END");
      statement.execute(
          "CREATE TRIGGER tr_sys_audit_logs_no_delete BEFORE DELETE ON sys_audit_logs"
              + " BEGIN SELECT RAISE(ABORT, 'sys_audit_logs is append-only: DELETE refused'); END");
    }

    @Override
    protected void assertAppendOnlyRefusal(SQLException refusal) {
      assertThat((Throwable) refusal).isInstanceOf(SQLiteException.class);
      assertThat(((SQLiteException) refusal).getResultCode())
          .isEqualTo(SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER);
      assertThat(new SqliteDialect().classify(refusal))
          .isEqualTo(SqlErrorKind.APPEND_ONLY_VIOLATION);
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
