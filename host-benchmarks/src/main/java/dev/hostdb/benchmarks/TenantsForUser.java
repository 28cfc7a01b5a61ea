package dev.hostdb.benchmarks;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.TenantAccess;
import dev.hostdb.domain.User;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * The tenant switcher after login: the tenants a random user may enter, with role and database URL,
 * among {@value #USERS} users with {@value #MEMBERSHIPS_PER_USER} memberships each in {@value
 * #TENANTS} tenants.
 *
 * <p>{@code hostdb} calls {@code memberships().enterableTenants}; {@code rawJdbc} prepares the same
 * one-statement join on one plain driver connection (no pool) and maps the same columns into {@link
 * TenantAccess} records, database URL parsing included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TenantsForUser {
  /** Users seeded before the trial. */
  public static final int USERS = 10_000;

  /** Tenants seeded before the trial. */
  public static final int TENANTS = 5_000;

  /** Memberships of each user, so the tenants each operation returns. */
  public static final int MEMBERSHIPS_PER_USER = 5;

  private static final String SELECT =
      """
      SELECT t.id, t.name, t.db_url, t.is_active, t.plan_tier, t.created_at,
        m.role, m.id AS membership_id
      FROM core_memberships m
      JOIN core_tenants t ON t.id = m.tenant_id
      JOIN core_users u ON u.id = m.user_id
      WHERE m.user_id = ? AND m.is_active = ? AND t.is_active = ? AND u.is_active = ?
      ORDER BY t.name, t.id
      """;

  /** The database both sides run on. */
  @Param({BenchDatabase.SQLITE, BenchDatabase.POSTGRES})
  public String database;

  private BenchDatabase db;
  private Id[] userIds;
  private final SplittableRandom random = new SplittableRandom(42);

  /** Creates the database and seeds users, tenants and memberships. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    db = BenchDatabase.open(database);
    List<User> users = Seed.users(USERS);
    List<Tenant> tenants = Seed.tenants(TENANTS);
    List<Membership> memberships = Seed.memberships(users, tenants, MEMBERSHIPS_PER_USER);
    db.hostDb().bulk().insertAll(users, tenants, memberships);
    db.analyze();
    userIds = users.stream().map(User::id).toArray(Id[]::new);
  }

  /** Drops the database. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    db.close();
  }

  private Id nextUser() {
    return userIds[random.nextInt(userIds.length)];
  }

  /** Through the HostDB API. */
  @Benchmark
  public List<TenantAccess> hostdb() {
    return expectAll(db.hostDb().memberships().enterableTenants(nextUser()));
  }

  /** Hand-written JDBC, same statement, same mapping. */
  @Benchmark
  public List<TenantAccess> rawJdbc() throws SQLException {
    try (PreparedStatement statement = db.raw().prepareStatement(SELECT)) {
      statement.setString(1, nextUser().value());
      statement.setBoolean(2, true);
      statement.setBoolean(3, true);
      statement.setBoolean(4, true);
      List<TenantAccess> tenants = new ArrayList<>(MEMBERSHIPS_PER_USER);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          tenants.add(RawRows.access(rs));
        }
      }
      return expectAll(tenants);
    }
  }

  private static List<TenantAccess> expectAll(List<TenantAccess> tenants) {
    if (tenants.size() != MEMBERSHIPS_PER_USER) {
      throw new IllegalStateException(
          "expected " + MEMBERSHIPS_PER_USER + " tenants but got " + tenants.size());
    }
    return tenants;
  }
}
