package dev.hostdb.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostdb.domain.AccessFacts;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.TenantAccess;
import dev.hostdb.domain.User;
import dev.hostdb.domain.port.MembershipRepository;
import dev.hostdb.domain.rule.EntitlementPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The cache's own rules, on facts that the test hands it and reads it can hold up. */
class AccessCacheTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private final User ann = User.create(Id.random(), Email.of("ann@example.com"), T0);
  private final Tenant acme =
      Tenant.create(Id.random(), "Acme", DatabaseUrl.sqliteFile("acme.db"), T0);
  private final Membership membership =
      Membership.create(Id.random(), ann.id(), acme.id(), Role.MEMBER, T0);
  private final List<Subscription> paid =
      List.of(Subscription.trial(Id.random(), acme.id(), "pro", T0.plusSeconds(86_400), T0));

  private final AccessFacts allowed = new AccessFacts(ann, acme, membership, paid);
  private final AccessFacts revoked = new AccessFacts(ann, acme, null, paid);

  private final Facts facts = new Facts(allowed);
  private final AccessCache cache =
      AccessCache.create(
          facts,
          Clock.fixed(T0, ZoneOffset.UTC),
          EntitlementPolicy.defaults(),
          AccessCache.Settings.defaults().withTicker(() -> 0L));

  @Test
  void answers_a_second_check_from_the_cache() {
    cache.access(ann.id(), acme.id());
    cache.access(ann.id(), acme.id());

    assertThat(facts.reads.get()).isEqualTo(1);
  }

  @Test
  void does_not_cache_a_read_that_started_before_a_change_began() throws Exception {
    facts.holdNextRead();
    CompletableFuture<AccessResult> early =
        CompletableFuture.supplyAsync(() -> cache.access(ann.id(), acme.id()));
    facts.awaitHeldRead();

    AccessInvalidation.Change change = cache.begin(AccessScope.membership(ann.id(), acme.id()));
    facts.now(revoked);
    change.close();
    facts.release(); // the early read returns the facts it read before the change
    assertThat(early.get(10, TimeUnit.SECONDS).allowed()).isTrue();

    assertThat(cache.access(ann.id(), acme.id()).allowed()).isFalse();
  }

  @Test
  void does_not_fill_the_cache_while_a_change_is_under_way() {
    AccessInvalidation.Change change = cache.begin(AccessScope.user(ann.id()));
    cache.access(ann.id(), acme.id());
    facts.now(revoked);
    change.close();

    assertThat(cache.access(ann.id(), acme.id()).allowed()).isFalse();
  }

  @Test
  void evicts_only_the_answers_of_the_changed_scope() {
    Id other = Id.random();
    cache.access(ann.id(), acme.id());
    cache.access(other, Id.random());
    assertThat(cache.estimatedSize()).isEqualTo(2);

    cache.begin(AccessScope.tenant(acme.id())).close();

    assertThat(cache.estimatedSize()).isEqualTo(1);
  }

  @Test
  void closes_a_change_made_inside_deferred_work_only_when_the_outermost_work_ends() {
    cache.access(ann.id(), acme.id());

    cache.deferWithin(
        () ->
            cache.deferWithin(
                () -> {
                  cache.begin(AccessScope.user(ann.id())).close();
                  facts.now(revoked);
                  assertThat(cache.estimatedSize()).isEqualTo(1); // not evicted yet
                  return null;
                }));

    assertThat(cache.access(ann.id(), acme.id()).allowed()).isFalse();
    assertThat(cache.estimatedSize()).isEqualTo(1);
  }

  @Test
  void closing_a_change_twice_ends_it_once() {
    AccessInvalidation.Change change = cache.begin(AccessScope.user(ann.id()));
    AccessInvalidation.Change other = cache.begin(AccessScope.user(ann.id()));
    change.close();
    change.close();

    cache.access(ann.id(), acme.id());
    cache.access(ann.id(), acme.id());
    assertThat(facts.reads.get()).isEqualTo(2); // still changing: the other change is open

    other.close();
    cache.access(ann.id(), acme.id());
    cache.access(ann.id(), acme.id());
    assertThat(facts.reads.get()).isEqualTo(3);
  }

  @Test
  void caches_nothing_with_a_time_to_live_of_zero() {
    AccessCache none =
        AccessCache.create(
            facts,
            Clock.fixed(T0, ZoneOffset.UTC),
            EntitlementPolicy.defaults(),
            AccessCache.Settings.defaults().withTimeToLive(Duration.ZERO).withTicker(() -> 0L));

    none.access(ann.id(), acme.id());
    none.access(ann.id(), acme.id());

    assertThat(facts.reads.get()).isEqualTo(2);
  }

  /** Access facts that the test sets, with a read it can hold until it lets it go. */
  private static final class Facts implements MembershipRepository {
    private final AtomicReference<AccessFacts> current;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile CountDownLatch held;
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    Facts(AccessFacts initial) {
      current = new AtomicReference<>(initial);
    }

    void now(AccessFacts facts) {
      current.set(facts);
    }

    void holdNextRead() {
      held = released;
    }

    void awaitHeldRead() throws InterruptedException {
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    }

    void release() {
      released.countDown();
    }

    @Override
    public AccessFacts accessFacts(Id userId, Id tenantId) {
      reads.incrementAndGet();
      AccessFacts read = current.get();
      CountDownLatch hold = held;
      if (hold != null) {
        held = null;
        holding.countDown();
        try {
          assertThat(hold.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return read;
    }

    @Override
    public Membership create(Membership membership) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Membership> findById(Id id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Membership> find(Id userId, Id tenantId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Membership> listByTenant(Id tenantId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Membership> listByUser(Id userId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<TenantAccess> enterableTenants(Id userId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Membership update(Membership membership) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(Id membershipId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long count() {
      throw new UnsupportedOperationException();
    }
  }
}
