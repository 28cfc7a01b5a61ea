package dev.hostdb.benchmarks;

import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.Timestamps;
import dev.hostdb.domain.User;
import dev.hostdb.domain.port.BulkImport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An import: {@value #ROWS_PER_TABLE} users, as many tenants and as many memberships (one owner per
 * tenant) written in one call, into empty tables. One operation writes {@value #ROWS_PER_OP} rows,
 * so rows per second = {@value #ROWS_PER_OP} / (seconds per operation).
 *
 * <p>{@code hostdb} calls {@code bulk().insertAll}; {@code rawJdbc} runs three batched {@code
 * INSERT}s (batches of {@value #BATCH_SIZE}) in one transaction on one plain driver connection,
 * with typed setters. The rows are built once per trial; each iteration starts from empty tables.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BulkCreate {
  /** Users, tenants and memberships written by each operation. */
  public static final int ROWS_PER_TABLE = 100_000;

  /** Rows written by each operation, all tables together. */
  public static final int ROWS_PER_OP = 3 * ROWS_PER_TABLE;

  /** Rows per JDBC batch on the raw side; HostDB batches as many. */
  public static final int BATCH_SIZE = 1000;

  /** The database both sides run on. */
  @Param({BenchDatabase.SQLITE, BenchDatabase.POSTGRES})
  public String database;

  private BenchDatabase db;
  private List<User> users;
  private List<Tenant> tenants;
  private List<Membership> memberships;

  /** Creates the database and builds the rows. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    db = BenchDatabase.open(database);
    users = Seed.users(ROWS_PER_TABLE);
    tenants = Seed.tenants(ROWS_PER_TABLE);
    memberships = Seed.memberships(users, tenants, 1);
  }

  /** Empties the tables, so every operation writes into the same state. */
  @Setup(Level.Iteration)
  public void emptyTables() throws Exception {
    db.emptyTables();
  }

  /** Drops the database. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    db.close();
  }

  /** Through the HostDB API. */
  @Benchmark
  public BulkImport.Counts hostdb() {
    return db.hostDb().bulk().insertAll(users, tenants, memberships);
  }

  /** Hand-written JDBC: three batched inserts in one transaction. */
  @Benchmark
  public int rawJdbc() throws SQLException {
    Connection connection = db.raw();
    connection.setAutoCommit(false);
    try {
      int written =
          insertUsers(connection) + insertTenants(connection) + insertMemberships(connection);
      connection.commit();
      return written;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private int insertUsers(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            INSERT INTO core_users (id, email, email_normalized, oauth_id, password_hash,
              stripe_cust_id, is_sys_admin, is_active, created_at, last_login)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)) {
      int pending = 0;
      for (User u : users) {
        statement.setString(1, u.id().value());
        statement.setString(2, u.email().value());
        statement.setString(3, u.email().value());
        RawRows.text(statement, 4, u.oauthId());
        RawRows.text(statement, 5, u.passwordHash());
        RawRows.text(statement, 6, u.stripeCustomerId());
        statement.setBoolean(7, u.sysAdmin());
        statement.setBoolean(8, u.active());
        statement.setString(9, Timestamps.format(u.createdAt()));
        RawRows.text(
            statement, 10, u.lastLogin() == null ? null : Timestamps.format(u.lastLogin()));
        pending = addToBatch(statement, pending);
      }
      flush(statement, pending);
      return users.size();
    }
  }

  private int insertTenants(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            INSERT INTO core_tenants (id, name, db_url, is_active, plan_tier, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """)) {
      int pending = 0;
      for (Tenant t : tenants) {
        statement.setString(1, t.id().value());
        statement.setString(2, t.name());
        statement.setString(3, t.dbUrl().reveal());
        statement.setBoolean(4, t.active());
        statement.setString(5, t.planTier());
        statement.setString(6, Timestamps.format(t.createdAt()));
        pending = addToBatch(statement, pending);
      }
      flush(statement, pending);
      return tenants.size();
    }
  }

  private int insertMemberships(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            INSERT INTO core_memberships (id, user_id, tenant_id, profile_id, meta_attributes,
              role, is_active, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)) {
      int pending = 0;
      for (Membership m : memberships) {
        statement.setString(1, m.id().value());
        statement.setString(2, m.userId().value());
        statement.setString(3, m.tenantId().value());
        statement.setString(4, m.profileId());
        RawRows.text(statement, 5, m.metaAttributes());
        statement.setString(6, m.role().code());
        statement.setBoolean(7, m.active());
        statement.setString(8, Timestamps.format(m.createdAt()));
        pending = addToBatch(statement, pending);
      }
      flush(statement, pending);
      return memberships.size();
    }
  }

  private static int addToBatch(PreparedStatement statement, int pending) throws SQLException {
    statement.addBatch();
    if (pending + 1 < BATCH_SIZE) {
      return pending + 1;
    }
    statement.executeBatch();
    return 0;
  }

  private static void flush(PreparedStatement statement, int pending) throws SQLException {
    if (pending > 0) {
      statement.executeBatch();
    }
  }
}
