package dev.hostdb.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.HostConfig;
import dev.hostdb.HostDatabase;
import dev.hostdb.HostDatabase.Options;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.rule.AccessDecision.Reason;
import dev.hostdb.domain.rule.Entitlement;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code HostDatabase.access()} on a real host database, one subclass per database. */
abstract class AccessTest {
  private static final Duration TTL = Duration.ofSeconds(5);

  @TempDir Path dir;

  private final AtomicLong ticker = new AtomicLong();
  private HostDatabase db;
  private Access access;
  private DatabaseUrl url;

  /**
   * Tells where this test's host database lives.
   *
   * @return the URL of an empty database of this test alone
   */
  abstract DatabaseUrl hostUrl();

  @BeforeEach
  void open() {
    AccessCache.Settings cache =
        AccessCache.Settings.defaults().withTimeToLive(TTL).withTicker(ticker::get);
    url = hostUrl();
    db = HostDatabase.create(HostConfig.of(url), Options.defaults().withAccessCache(cache));
    access = db.access();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private User user(String email) {
    return db.users().create(User.create(db.newId(), Email.of(email), db.now()));
  }

  private Tenant unpaidTenant(String name) {
    return db.tenants()
        .create(
            Tenant.create(
                db.newId(),
                name,
                DatabaseUrl.parse("postgresql://app:secret@db1/" + name),
                db.now()));
  }

  private Tenant tenant(String name) {
    Tenant tenant = unpaidTenant(name);
    trial(tenant);
    return tenant;
  }

  private void trial(Tenant tenant) {
    db.subscriptions()
        .create(
            Subscription.trial(
                db.newId(), tenant.id(), "starter", db.now().plus(Duration.ofDays(14)), db.now()));
  }

  private Membership member(User user, Tenant tenant, Role role) {
    return db.memberships()
        .create(Membership.create(db.newId(), user.id(), tenant.id(), role, db.now()));
  }

  private void rawUpdate(String sql, Object... params) {
    try (Connection connection =
            DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      assertThat(statement.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private void passTimeToLive() {
    ticker.addAndGet(TTL.toNanos());
  }

  @Test
  void allows_an_active_member_with_role_route_and_entitlement() {
    User ann = user("ann@example.com");
    Tenant acme = tenant("acme");
    member(ann, acme, Role.ADMIN);

    AccessResult result = access.access(ann.id(), acme.id());

    assertThat(result.allowed()).isTrue();
    assertThat(result.reason()).isEqualTo(Reason.MEMBER);
    assertThat(result.role()).isEqualTo(Role.ADMIN);
    assertThat(result.route()).isEqualTo(acme.dbUrl());
    assertThat(result.entitlement().reason()).isEqualTo(Entitlement.Reason.TRIAL);
    assertThat(result.toString()).doesNotContain("secret").contains("db1");
  }

  @Test
  void denies_each_reason_without_a_route() {
    User ann = user("ann@example.com");
    User owner = user("owner@example.com");
    Tenant acme = tenant("acme");
    Tenant suspended = tenant("suspended");
    Tenant unpaid = unpaidTenant("unpaid");
    Tenant left = tenant("left");
    Tenant other = tenant("other");
    User gone = db.users().update(user("gone@example.com").withActive(false));
    member(ann, acme, Role.MEMBER);
    member(ann, suspended, Role.MEMBER);
    db.tenants().update(suspended.withActive(false));
    member(ann, unpaid, Role.OWNER);
    member(owner, left, Role.OWNER);
    db.memberships().update(member(ann, left, Role.MEMBER).withActive(false));
    member(gone, acme, Role.MEMBER);

    assertThat(reasonOf(Id.random(), acme.id())).isEqualTo(Reason.NO_SUCH_USER);
    assertThat(reasonOf(gone.id(), acme.id())).isEqualTo(Reason.USER_INACTIVE);
    assertThat(reasonOf(ann.id(), Id.random())).isEqualTo(Reason.NO_SUCH_TENANT);
    assertThat(reasonOf(ann.id(), suspended.id())).isEqualTo(Reason.TENANT_SUSPENDED);
    assertThat(reasonOf(ann.id(), other.id())).isEqualTo(Reason.NO_MEMBERSHIP);
    assertThat(reasonOf(ann.id(), left.id())).isEqualTo(Reason.MEMBERSHIP_INACTIVE);
    assertThat(reasonOf(ann.id(), unpaid.id())).isEqualTo(Reason.NOT_ENTITLED);
    assertThat(access.access(ann.id(), unpaid.id()).entitlement().reason())
        .isEqualTo(Entitlement.Reason.NO_SUBSCRIPTION);
  }

  private Reason reasonOf(Id userId, Id tenantId) {
    AccessResult result = access.access(userId, tenantId);
    assertThat(result.allowed()).isFalse();
    assertThat(result.route()).isNull();
    assertThat(result.role()).isNull();
    return result.reason();
  }

  @Test
  void lets_a_system_administrator_into_any_active_tenant_as_owner() {
    User root = db.users().update(user("root@example.com").withSysAdmin(true));
    Tenant acme = unpaidTenant("acme");
    Tenant suspended = db.tenants().update(tenant("suspended").withActive(false));

    AccessResult result = access.access(root.id(), acme.id());

    assertThat(result.reason()).isEqualTo(Reason.SYSTEM_ADMIN);
    assertThat(result.role()).isEqualTo(Role.OWNER);
    assertThat(result.route()).isEqualTo(acme.dbUrl());
    assertThat(access.access(root.id(), suspended.id()).reason())
        .isEqualTo(Reason.TENANT_SUSPENDED);
  }

  @Test
  void lists_the_tenants_a_user_may_enter_now_by_name() {
    User ann = user("ann@example.com");
    Tenant beta = tenant("beta");
    Tenant acme = tenant("acme");
    Membership inBeta = member(ann, beta, Role.MEMBER);
    Membership inAcme = member(ann, acme, Role.OWNER);
    member(ann, unpaidTenant("unpaid"), Role.OWNER);
    Tenant suspended = tenant("suspended");
    member(ann, suspended, Role.OWNER);
    db.tenants().update(suspended.withActive(false));

    List<EnterableTenant> tenants = access.tenantsFor(ann.id());

    assertThat(tenants)
        .extracting(EnterableTenant::tenant, EnterableTenant::role, EnterableTenant::membershipId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(acme, Role.OWNER, inAcme.id()),
            org.assertj.core.groups.Tuple.tuple(beta, Role.MEMBER, inBeta.id()));
    assertThat(tenants.get(0).entitlement().entitled()).isTrue();
    assertThat(tenants.get(0).route()).isEqualTo(acme.dbUrl());
    assertThat(access.tenantsFor(Id.random())).isEmpty();
  }

  @Test
  void serves_a_cached_answer_without_reading_the_database_until_its_time_to_live_ends() {
    User ann = user("ann@example.com");
    Tenant acme = tenant("acme");
    Membership membership = member(ann, acme, Role.MEMBER);
    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();

    rawUpdate(
        "UPDATE core_memberships SET is_active = FALSE WHERE id = ?", membership.id().value());

    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();
    ticker.addAndGet(TTL.toNanos() - 1);
    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();
    ticker.addAndGet(1);
    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.MEMBERSHIP_INACTIVE);
  }

  @Test
  void caches_denials_too() {
    User ann = db.users().update(user("ann@example.com").withActive(false));
    Tenant acme = tenant("acme");
    member(ann, acme, Role.MEMBER);
    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.USER_INACTIVE);

    rawUpdate("UPDATE core_users SET is_active = TRUE WHERE id = ?", ann.id().value());

    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.USER_INACTIVE);
    passTimeToLive();
    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.MEMBER);
  }

  @Test
  void keeps_an_answer_no_longer_than_the_entitlement_it_rests_on() {
    User ann = user("ann@example.com");
    Tenant acme = unpaidTenant("acme");
    member(ann, acme, Role.MEMBER);
    // a trial that ends in one second, well within the cache's time to live
    db.subscriptions()
        .create(
            Subscription.trial(
                db.newId(), acme.id(), "starter", db.now().plusSeconds(1), db.now()));
    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();

    rawUpdate("UPDATE core_users SET is_active = FALSE WHERE id = ?", ann.id().value());
    ticker.addAndGet(Duration.ofSeconds(1).toNanos());

    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.USER_INACTIVE);
  }

  @Test
  void a_user_update_evicts_the_users_answers() {
    User ann = user("ann@example.com");
    Tenant acme = tenant("acme");
    Tenant beta = tenant("beta");
    member(ann, acme, Role.MEMBER);
    member(ann, beta, Role.MEMBER);
    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();
    assertThat(access.access(ann.id(), beta.id()).allowed()).isTrue();

    db.users().update(ann.withActive(false));

    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.USER_INACTIVE);
    assertThat(access.access(ann.id(), beta.id()).reason()).isEqualTo(Reason.USER_INACTIVE);
  }

  @Test
  void a_tenant_update_evicts_the_tenants_answers() {
    User ann = user("ann@example.com");
    User bob = user("bob@example.com");
    Tenant acme = tenant("acme");
    member(ann, acme, Role.OWNER);
    member(bob, acme, Role.MEMBER);
    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();
    assertThat(access.access(bob.id(), acme.id()).allowed()).isTrue();

    db.tenants().update(acme.withActive(false));

    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.TENANT_SUSPENDED);
    assertThat(access.access(bob.id(), acme.id()).reason()).isEqualTo(Reason.TENANT_SUSPENDED);
  }

  @Test
  void membership_creation_update_and_removal_evict_the_pairs_answer() {
    User owner = user("owner@example.com");
    User ann = user("ann@example.com");
    Tenant acme = tenant("acme");
    member(owner, acme, Role.OWNER);
    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.NO_MEMBERSHIP);

    Membership membership = member(ann, acme, Role.MEMBER);
    assertThat(access.access(ann.id(), acme.id()).role()).isEqualTo(Role.MEMBER);

    db.memberships().update(membership.withRole(Role.ADMIN));
    assertThat(access.access(ann.id(), acme.id()).role()).isEqualTo(Role.ADMIN);

    db.memberships().update(membership.withActive(false));
    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.MEMBERSHIP_INACTIVE);

    db.memberships().delete(membership.id());
    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.NO_MEMBERSHIP);
  }

  @Test
  void a_new_subscription_evicts_the_tenants_answers() {
    User ann = user("ann@example.com");
    Tenant acme = unpaidTenant("acme");
    member(ann, acme, Role.OWNER);
    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.NOT_ENTITLED);

    trial(acme);

    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.MEMBER);
  }

  @Test
  void creating_a_user_or_tenant_evicts_the_denials_of_its_id() {
    Id annId = Id.random();
    Id acmeId = Id.random();
    assertThat(access.access(annId, acmeId).reason()).isEqualTo(Reason.NO_SUCH_USER);

    db.users().create(User.create(annId, Email.of("ann@example.com"), db.now()));
    assertThat(access.access(annId, acmeId).reason()).isEqualTo(Reason.NO_SUCH_TENANT);

    db.tenants()
        .create(Tenant.create(acmeId, "acme", DatabaseUrl.parse("sqlite:///a.db"), db.now()));
    assertThat(access.access(annId, acmeId).reason()).isEqualTo(Reason.NO_MEMBERSHIP);
  }

  @Test
  void a_bulk_import_evicts_the_answers_of_everything_imported() {
    Id annId = Id.random();
    Tenant acme = tenant("acme");
    assertThat(access.access(annId, acme.id()).reason()).isEqualTo(Reason.NO_SUCH_USER);

    User ann = User.create(annId, Email.of("ann@example.com"), db.now());
    db.bulk()
        .insertAll(
            List.of(ann),
            List.of(),
            List.of(Membership.create(db.newId(), annId, acme.id(), Role.OWNER, db.now())));

    assertThat(access.access(annId, acme.id()).reason()).isEqualTo(Reason.MEMBER);
  }

  @Test
  void writes_inside_a_transaction_are_evicted_when_the_outermost_transaction_ends() {
    User ann = user("ann@example.com");
    Tenant acme = tenant("acme");
    member(ann, acme, Role.MEMBER);
    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();
    ExecutorService other = Executors.newSingleThreadExecutor();

    try {
      db.inTransaction(
          () ->
              db.inTransaction(
                  () -> {
                    db.users().update(ann.withActive(false));
                    // this transaction sees its own write; another thread sees the committed state
                    // from the database, not from the cache, and must not cache it
                    assertThat(access.access(ann.id(), acme.id()).reason())
                        .isEqualTo(Reason.USER_INACTIVE);
                    assertThat(
                            onAnotherThread(
                                other, () -> access.access(ann.id(), acme.id()).allowed()))
                        .isTrue();
                  }));
    } finally {
      other.shutdown();
    }

    assertThat(access.access(ann.id(), acme.id()).reason()).isEqualTo(Reason.USER_INACTIVE);
  }

  private static <T> T onAnotherThread(ExecutorService other, Callable<T> work) {
    try {
      return other.submit(work).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_rolled_back_write_leaves_no_answer_of_its_own_behind() {
    User ann = user("ann@example.com");
    Tenant acme = tenant("acme");
    member(ann, acme, Role.MEMBER);
    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> {
                      db.users().update(ann.withActive(false));
                      assertThat(access.access(ann.id(), acme.id()).allowed()).isFalse();
                      throw new IllegalStateException("roll back");
                    }))
        .hasMessage("roll back");

    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();
  }

  @Test
  void a_change_begun_through_the_invalidation_hook_bypasses_the_cache_until_it_ends() {
    User ann = user("ann@example.com");
    Tenant acme = tenant("acme");
    Membership membership = member(ann, acme, Role.MEMBER);
    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();
    AccessInvalidation invalidation = (AccessInvalidation) access;

    AccessInvalidation.Change change = invalidation.begin(AccessScope.tenant(acme.id()));
    rawUpdate(
        "UPDATE core_memberships SET is_active = FALSE WHERE id = ?", membership.id().value());
    assertThat(access.access(ann.id(), acme.id()).allowed()).isFalse();
    rawUpdate("UPDATE core_memberships SET is_active = TRUE WHERE id = ?", membership.id().value());
    assertThat(access.access(ann.id(), acme.id()).allowed()).isTrue();
    rawUpdate(
        "UPDATE core_memberships SET is_active = FALSE WHERE id = ?", membership.id().value());
    change.close();

    assertThat(access.access(ann.id(), acme.id()).allowed()).isFalse();
  }
}
