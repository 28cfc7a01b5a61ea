package dev.hostdb.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.hostdb.domain.AccessFacts;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.TenantAccess;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.port.MembershipRepository;
import dev.hostdb.domain.rule.AccessDecision;
import dev.hostdb.domain.rule.AccessPolicy;
import dev.hostdb.domain.rule.Entitlement;
import dev.hostdb.domain.rule.EntitlementPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link Access} answered from a bounded cache, kept correct by the {@link AccessInvalidation} that
 * every write through HostDB goes through.
 *
 * <p>What it guarantees:
 *
 * <ul>
 *   <li>A check that starts after a write through HostDB returned (after its transaction, or the
 *       outermost {@code HostDatabase.inTransaction} around it, committed) sees that write. While a
 *       write is under way, checks of the users and tenants it touches read the database and leave
 *       the cache alone; when it ends, their cached answers are evicted; and an answer whose read
 *       started before the write began is never cached, nor served, after it.
 *   <li>Writes that do not go through this process's HostDB (another process, a SQL console) are
 *       seen once the cached answer's {@linkplain Settings#timeToLive() time to live} has passed: 5
 *       seconds by default. An answer that rests on an entitlement with an end (a trial, a grace
 *       period) is kept no longer than that end.
 *   <li>Denials are cached like permissions. At most {@linkplain Settings#maximumSize() 100,000}
 *       answers are kept by default; beyond that the least useful go first.
 *   <li>A check inside {@code HostDatabase.inTransaction} reads that transaction's own view and
 *       neither uses nor fills the cache.
 * </ul>
 *
 * <p>A cache miss costs one SQL statement ({@link MembershipRepository#accessFacts}); the decision
 * is made in Java by {@link AccessPolicy} and {@link EntitlementPolicy}. Thread-safe.
 */
public final class AccessCache implements Access, AccessInvalidation {

  /**
   * How big the cache may grow and how long an answer may be served.
   *
   * @param maximumSize the most answers kept; 0 caches nothing
   * @param timeToLive how long an answer is served at most: the bound on how stale an answer may be
   *     after a write made outside this process's HostDB; zero caches nothing
   * @param ticker the time source for the time to live, in nanoseconds, as {@link System#nanoTime}
   */
  public record Settings(long maximumSize, Duration timeToLive, LongSupplier ticker) {
    /** The most answers kept unless configured otherwise. */
    public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

    /** How long an answer is served unless configured otherwise. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofSeconds(5);

    private static final Duration LONGEST_TIME_TO_LIVE = Duration.ofDays(1);

    /**
     * @throws InvalidInputException when the size is negative, the time to live is missing,
     *     negative or over a day, or the ticker is missing
     */
    public Settings {
      if (maximumSize < 0) {
        throw new InvalidInputException(
            "access cache maximum size", "must be zero or more but was " + maximumSize);
      }
      if (timeToLive == null
          || timeToLive.isNegative()
          || timeToLive.compareTo(LONGEST_TIME_TO_LIVE) > 0) {
        throw new InvalidInputException(
            "access cache time to live", "must be from zero to one day but was " + timeToLive);
      }
      if (ticker == null) {
        throw new InvalidInputException("access cache ticker", "is required");
      }
    }

    /** 100,000 answers, 5 seconds, {@link System#nanoTime}. */
    public static Settings defaults() {
      return new Settings(DEFAULT_MAXIMUM_SIZE, DEFAULT_TIME_TO_LIVE, System::nanoTime);
    }

    /** These settings with another maximum size. */
    public Settings withMaximumSize(long maximumSize) {
      return new Settings(maximumSize, timeToLive, ticker);
    }

    /** These settings with another time to live. */
    public Settings withTimeToLive(Duration timeToLive) {
      return new Settings(maximumSize, timeToLive, ticker);
    }

    /** These settings with another time source, for tests that move time themselves. */
    public Settings withTicker(LongSupplier ticker) {
      return new Settings(maximumSize, timeToLive, ticker);
    }
  }

  private record Key(Id userId, Id tenantId) {}

  /**
   * A cached answer with the user's and tenant's states read before it was loaded: it is current
   * only while both are unchanged.
   */
  private record Entry(AccessResult result, long userState, long tenantState, long expiresAt) {}

  /** Changes closed inside {@link #deferWithin} on one thread, waiting for its outermost end. */
  private static final class Deferral {
    private int depth;
    private final List<AccessScope> closed = new ArrayList<>();
  }

  private final MembershipRepository memberships;
  private final Clock clock;
  private final EntitlementPolicy entitlements;
  private final LongSupplier ticker;
  private final long timeToLiveNanos;
  private final boolean caching; // false when the settings keep nothing: every call reads
  private final Cache<Key, Entry> cache;
  private final ScopeStates users = new ScopeStates();
  private final ScopeStates tenants = new ScopeStates();
  // which cached keys belong to a user or a tenant, so that ending a change evicts only those; the
  // generations in ScopeStates keep answers correct even where these lag behind the cache
  private final Map<Id, Set<Key>> keysByUser = new ConcurrentHashMap<>();
  private final Map<Id, Set<Key>> keysByTenant = new ConcurrentHashMap<>();
  private final ThreadLocal<Deferral> deferral = new ThreadLocal<>();

  private AccessCache(
      MembershipRepository memberships,
      Clock clock,
      EntitlementPolicy entitlements,
      Settings settings) {
    this.memberships = memberships;
    this.clock = clock;
    this.entitlements = entitlements;
    this.ticker = settings.ticker();
    this.timeToLiveNanos = settings.timeToLive().toNanos();
    this.caching = settings.maximumSize() > 0 && timeToLiveNanos > 0;
    // maintenance runs on the calling thread: no hand-off to the common pool on every miss
    this.cache =
        Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumSize(settings.maximumSize())
            .expireAfter(new UntilExpiresAt())
            .ticker(ticker::getAsLong)
            .evictionListener((Key key, Entry entry, RemovalCause cause) -> unindex(key))
            .build();
  }

  /**
   * A cache over {@code memberships}.
   *
   * @param memberships where the facts of a decision are read
   * @param clock the time at which entitlements are decided
   * @param entitlements how subscriptions entitle a tenant
   * @param settings the cache's bounds
   */
  public static AccessCache create(
      MembershipRepository memberships,
      Clock clock,
      EntitlementPolicy entitlements,
      Settings settings) {
    return new AccessCache(
        Objects.requireNonNull(memberships, "memberships"),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(entitlements, "entitlements"),
        Objects.requireNonNull(settings, "settings"));
  }

  @Override
  public AccessResult access(Id userId, Id tenantId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(tenantId, "tenantId");
    Key key = new Key(userId, tenantId);
    if (!caching || deferral.get() != null) {
      return load(key, 0, 0).result();
    }

    long userState = users.state(userId);
    long tenantState = tenants.state(tenantId);
    if (ScopeStates.changing(userState) || ScopeStates.changing(tenantState)) {
      return load(key, userState, tenantState).result();
    }

    Entry hit = cache.getIfPresent(key);
    if (hit != null && hit.userState() == userState && hit.tenantState() == tenantState) {
      return hit.result();
    }

    Entry loaded = load(key, userState, tenantState);
    cache.asMap().compute(key, (k, old) -> keepCurrent(k, old, loaded));
    return loaded.result();
  }

  /** Inside the key's lock: caches {@code loaded} unless a change began since its read began. */
  private Entry keepCurrent(Key key, Entry old, Entry loaded) {
    boolean unchanged =
        users.state(key.userId()) == loaded.userState()
            && tenants.state(key.tenantId()) == loaded.tenantState();
    boolean oldIsCurrent =
        old != null
            && old.userState() == loaded.userState()
            && old.tenantState() == loaded.tenantState();
    if (!unchanged || oldIsCurrent) {
      return old;
    }
    index(key);
    return loaded;
  }

  private Entry load(Key key, long userState, long tenantState) {
    long startedAt = ticker.getAsLong();
    Instant now = clock.instant();
    AccessFacts facts = memberships.accessFacts(key.userId(), key.tenantId());

    Entitlement entitlement =
        facts.tenant() == null ? null : entitlements.evaluate(facts.subscriptions(), now);
    AccessDecision decision =
        AccessPolicy.decide(facts.user(), facts.tenant(), facts.membership(), entitlement);
    DatabaseUrl route = decision.allowed() ? facts.tenant().dbUrl() : null;
    AccessResult result =
        new AccessResult(key.userId(), key.tenantId(), decision, route, entitlement);

    return new Entry(result, userState, tenantState, startedAt + nanosToLive(entitlement, now));
  }

  private long nanosToLive(Entitlement entitlement, Instant now) {
    if (entitlement == null || !entitlement.entitled() || entitlement.until() == null) {
      return timeToLiveNanos;
    }
    Duration left = Duration.between(now, entitlement.until());
    if (left.isNegative()) {
      return 0;
    }
    return left.compareTo(Duration.ofNanos(timeToLiveNanos)) < 0 ? left.toNanos() : timeToLiveNanos;
  }

  @Override
  public List<EnterableTenant> tenantsFor(Id userId) {
    Objects.requireNonNull(userId, "userId");
    List<EnterableTenant> enterable = new ArrayList<>();
    for (TenantAccess member : memberships.enterableTenants(userId)) {
      AccessResult result = access(userId, member.tenant().id());
      if (result.allowed()) {
        enterable.add(
            new EnterableTenant(
                member.tenant(), result.role(), member.membershipId(), result.entitlement()));
      }
    }
    return List.copyOf(enterable);
  }

  @Override
  public Change begin(AccessScope scope) {
    Objects.requireNonNull(scope, "scope");
    scope.users().forEach(users::begin);
    scope.tenants().forEach(tenants::begin);
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        Deferral open = deferral.get();
        if (open != null) {
          open.closed.add(scope);
        } else {
          end(scope);
        }
      }
    };
  }

  @Override
  public <T> T deferWithin(Supplier<T> work) {
    Deferral open = deferral.get();
    if (open == null) {
      open = new Deferral();
      deferral.set(open);
    }
    open.depth++;
    try {
      return work.get();
    } finally {
      open.depth--;
      if (open.depth == 0) {
        deferral.remove();
        open.closed.forEach(this::end);
      }
    }
  }

  private void end(AccessScope scope) {
    // the generations move on first, so that no read that began before can be cached after
    scope.users().forEach(users::end);
    scope.tenants().forEach(tenants::end);
    scope.users().forEach(user -> evict(keysByUser.remove(user)));
    scope.tenants().forEach(tenant -> evict(keysByTenant.remove(tenant)));
  }

  private void evict(Set<Key> keys) {
    if (keys != null) {
      for (Key key : keys) {
        cache.asMap().computeIfPresent(key, (k, entry) -> null);
        unindex(key);
      }
    }
  }

  private void index(Key key) {
    keysByUser.compute(key.userId(), (id, keys) -> with(keys, key));
    keysByTenant.compute(key.tenantId(), (id, keys) -> with(keys, key));
  }

  private static Set<Key> with(Set<Key> keys, Key key) {
    Set<Key> set = keys == null ? ConcurrentHashMap.newKeySet() : keys;
    set.add(key);
    return set;
  }

  private void unindex(Key key) {
    keysByUser.computeIfPresent(key.userId(), (id, keys) -> without(keys, key));
    keysByTenant.computeIfPresent(key.tenantId(), (id, keys) -> without(keys, key));
  }

  private static Set<Key> without(Set<Key> keys, Key key) {
    keys.remove(key);
    return keys.isEmpty() ? null : keys;
  }

  /** Drops every cached answer: for operators after writes made outside HostDB. */
  public void invalidateAll() {
    cache.invalidateAll();
    keysByUser.clear();
    keysByTenant.clear();
  }

  /** About how many answers are cached now. */
  public long estimatedSize() {
    return cache.estimatedSize();
  }

  /** Expires each answer at the instant it was given when loaded. */
  private static final class UntilExpiresAt implements Expiry<Key, Entry> {
    @Override
    public long expireAfterCreate(Key key, Entry entry, long currentTime) {
      return Math.max(0, entry.expiresAt() - currentTime);
    }

    @Override
    public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
      return Math.max(0, entry.expiresAt() - currentTime);
    }

    @Override
    public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
