package dev.hostdb.benchmarks;

import dev.hostdb.HostDatabase;
import dev.hostdb.access.AccessCache;
import dev.hostdb.access.AccessResult;
import dev.hostdb.domain.AccessFacts;
import dev.hostdb.domain.Cents;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.PaymentType;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SubscriptionStatus;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.rule.AccessPolicy;
import dev.hostdb.domain.rule.Entitlement;
import dev.hostdb.domain.rule.EntitlementPolicy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The check every request of the SaaS makes: may this user enter this tenant? A random one of the
 * {@value #USERS} × {@value #MEMBERSHIPS_PER_USER} memberships among {@value #TENANTS} tenants,
 * each tenant with one active subscription, so every answer is "allowed" and rests on all four
 * tables.
 *
 * <p>This scenario has <b>three</b> methods instead of the usual two, because the cache is what
 * HostDB adds here and both of its paths need a figure:
 *
 * <ul>
 *   <li>{@code hostdbUncached}: {@code access().access(user, tenant)} on a HostDB instance whose
 *       access cache is switched off through its public settings, {@code
 *       AccessCache.Settings.defaults().withMaximumSize(0).withTimeToLive(Duration.ZERO)} ("caches
 *       nothing", as {@code AccessCache.Settings} documents). Every call is then a real miss: the
 *       cache lookup, the one {@code accessFacts} statement through the pool, the mapping, the
 *       decision in Java, and the attempt to cache the answer, which expires at once. No write and
 *       no eviction call is needed between calls.
 *   <li>{@code rawJdbc}: the same work by hand on one plain driver connection (no pool): the very
 *       SQL of {@code dev.hostdb.jdbc.AccessFactsQuery}, the same columns mapped by position into
 *       the same domain records, and the same decision ({@link EntitlementPolicy#evaluate} and
 *       {@link AccessPolicy#decide}) into the same {@link AccessResult}. Compare with {@code
 *       hostdbUncached}: target ≤ 1.15× its time.
 *   <li>{@code hostdbCached}: the same call on a second HostDB instance on the same database, with
 *       the default cache size (100,000 answers) but a time to live of one hour instead of 5 s,
 *       filled in setup with all {@value #USERS} × {@value #MEMBERSHIPS_PER_USER} answers: every
 *       timed call is a hit. (With the 5 s default a single benchmark thread cannot keep 25,000
 *       answers warm: reloading them takes about as long as they live, so the figure would be a mix
 *       of hits and misses.) Timed in {@link Mode#SampleTime}: read its p0.50 (target ≤ 1 µs).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessDecision {
  /** Users seeded before the trial. */
  public static final int USERS = 5_000;

  /** Tenants seeded before the trial, each with one active subscription. */
  public static final int TENANTS = 1_000;

  /** Memberships of each user. */
  public static final int MEMBERSHIPS_PER_USER = 5;

  /** The SQL of {@code dev.hostdb.jdbc.AccessFactsQuery}, copied verbatim. */
  private static final String SELECT =
      """
      SELECT u.id AS u_id, u.email AS u_email, u.oauth_id AS u_oauth_id,
        NULL AS u_password_hash, u.stripe_cust_id AS u_stripe_cust_id,
        u.is_sys_admin AS u_is_sys_admin, u.is_active AS u_is_active,
        u.created_at AS u_created_at, u.last_login AS u_last_login,
        t.id AS t_id, t.name AS t_name, t.db_url AS t_db_url, t.is_active AS t_is_active,
        t.plan_tier AS t_plan_tier, t.created_at AS t_created_at,
        m.id AS m_id, m.user_id AS m_user_id, m.tenant_id AS m_tenant_id,
        m.profile_id AS m_profile_id, m.meta_attributes AS m_meta_attributes, m.role AS m_role,
        m.is_active AS m_is_active, m.created_at AS m_created_at,
        s.id AS s_id, s.tenant_id AS s_tenant_id, s.stripe_sub_id AS s_stripe_sub_id,
        s.stripe_cust_id AS s_stripe_cust_id, s.plan_tier AS s_plan_tier, s.status AS s_status,
        s.current_period_end AS s_current_period_end,
        s.cancel_at_period_end AS s_cancel_at_period_end, s.payment_type AS s_payment_type,
        s.amount_cents AS s_amount_cents, s.product_name AS s_product_name,
        s.trial_end AS s_trial_end, s.created_at AS s_created_at
      FROM (SELECT CAST(? AS TEXT) AS user_id, CAST(? AS TEXT) AS tenant_id) k
      LEFT JOIN core_users u ON u.id = k.user_id
      LEFT JOIN core_tenants t ON t.id = k.tenant_id
      LEFT JOIN core_memberships m ON m.user_id = k.user_id AND m.tenant_id = k.tenant_id
      LEFT JOIN core_subscriptions s ON s.tenant_id = k.tenant_id
      """;

  /** The cached instance's time to live: longer than a trial, so that every timed call hits. */
  private static final Duration CACHED_TTL = Duration.ofHours(1);

  // first column of each table in SELECT, counting from 1
  private static final int USER_AT = 1;
  private static final int TENANT_AT = 10;
  private static final int MEMBERSHIP_AT = 16;
  private static final int SUBSCRIPTION_AT = 24;

  /** The database all three run on. */
  @Param({BenchDatabase.SQLITE, BenchDatabase.POSTGRES})
  public String database;

  private BenchDatabase db;
  private HostDatabase cached;
  private final EntitlementPolicy entitlements = EntitlementPolicy.defaults();
  private Id[] userIds;
  private Id[] tenantIds;
  private final SplittableRandom random = new SplittableRandom(42);

  /**
   * Creates the database, seeds users, tenants, memberships and subscriptions, and opens the second
   * (cached) HostDB instance.
   */
  @Setup(Level.Trial)
  public void open() throws Exception {
    AccessCache.Settings noCache =
        AccessCache.Settings.defaults().withMaximumSize(0).withTimeToLive(Duration.ZERO);
    db = BenchDatabase.open(database, HostDatabase.Options.defaults().withAccessCache(noCache));
    List<User> users = Seed.users(USERS);
    List<Tenant> tenants = Seed.tenants(TENANTS);
    List<Membership> memberships = Seed.memberships(users, tenants, MEMBERSHIPS_PER_USER);
    db.hostDb().bulk().insertAll(users, tenants, memberships);
    Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant periodEnd = created.plus(Duration.ofDays(365));
    db.hostDb()
        .inTransaction(
            () -> {
              for (int i = 0; i < tenants.size(); i++) {
                db.hostDb()
                    .subscriptions()
                    .create(
                        new Subscription(
                            Id.random(),
                            tenants.get(i).id(),
                            "sub_bench_" + i,
                            "cus_bench_" + i,
                            "pro",
                            SubscriptionStatus.ACTIVE,
                            periodEnd,
                            false,
                            PaymentType.SUBSCRIPTION,
                            new Cents(4_900),
                            "Pro",
                            null,
                            created));
              }
            });
    db.analyze();
    userIds = memberships.stream().map(Membership::userId).toArray(Id[]::new);
    tenantIds = memberships.stream().map(Membership::tenantId).toArray(Id[]::new);
    AccessCache.Settings longLived = AccessCache.Settings.defaults().withTimeToLive(CACHED_TTL);
    cached = db.openAnother(HostDatabase.Options.defaults().withAccessCache(longLived));
    for (int i = 0; i < userIds.length; i++) {
      expectAllowed(cached.access().access(userIds[i], tenantIds[i]));
    }
    int sample = random.nextInt(userIds.length);
    AccessResult viaHostDb = db.hostDb().access().access(userIds[sample], tenantIds[sample]);
    AccessResult viaRaw = raw(userIds[sample], tenantIds[sample]);
    if (!viaHostDb.equals(viaRaw)) {
      throw new IllegalStateException(
          "the two sides disagree: hostdb " + viaHostDb + ", raw " + viaRaw);
    }
  }

  /** Closes the cached instance and drops the database. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    try {
      cached.close();
    } finally {
      db.close();
    }
  }

  /** Through the HostDB API, cache switched off: every call reads the database. */
  @Benchmark
  public AccessResult hostdbUncached() {
    int i = random.nextInt(userIds.length);
    return expectAllowed(db.hostDb().access().access(userIds[i], tenantIds[i]));
  }

  /** Through the HostDB API, default cache: after the warm-up, a hit. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public AccessResult hostdbCached() {
    int i = random.nextInt(userIds.length);
    return expectAllowed(cached.access().access(userIds[i], tenantIds[i]));
  }

  /** Hand-written JDBC, same statement, same mapping, same decision. */
  @Benchmark
  public AccessResult rawJdbc() throws SQLException {
    int i = random.nextInt(userIds.length);
    return expectAllowed(raw(userIds[i], tenantIds[i]));
  }

  private AccessResult raw(Id userId, Id tenantId) throws SQLException {
    Instant now = Instant.now();
    User user = null;
    Tenant tenant = null;
    Membership membership = null;
    List<Subscription> subscriptions = new ArrayList<>(1);
    try (PreparedStatement statement = db.raw().prepareStatement(SELECT)) {
      statement.setString(1, userId.value());
      statement.setString(2, tenantId.value());
      try (ResultSet rs = statement.executeQuery()) {
        boolean first = true;
        while (rs.next()) {
          if (first) {
            user = rs.getString(USER_AT) == null ? null : RawRows.user(rs);
            tenant = rs.getString(TENANT_AT) == null ? null : RawRows.tenant(rs, TENANT_AT);
            membership =
                rs.getString(MEMBERSHIP_AT) == null ? null : RawRows.membership(rs, MEMBERSHIP_AT);
            first = false;
          }
          if (rs.getString(SUBSCRIPTION_AT) != null) {
            subscriptions.add(RawRows.subscription(rs, SUBSCRIPTION_AT));
          }
        }
      }
    }
    AccessFacts facts = new AccessFacts(user, tenant, membership, subscriptions);
    Entitlement entitlement =
        facts.tenant() == null ? null : entitlements.evaluate(facts.subscriptions(), now);
    dev.hostdb.domain.rule.AccessDecision decision =
        AccessPolicy.decide(facts.user(), facts.tenant(), facts.membership(), entitlement);
    DatabaseUrl route = decision.allowed() ? facts.tenant().dbUrl() : null;
    return new AccessResult(userId, tenantId, decision, route, entitlement);
  }

  private static AccessResult expectAllowed(AccessResult result) {
    if (!result.allowed()) {
      throw new IllegalStateException("expected access but got " + result);
    }
    return result;
  }
}
