package dev.hostdb;

import dev.hostdb.access.Access;
import dev.hostdb.access.AccessCache;
import dev.hostdb.access.AccessInvalidation;
import dev.hostdb.access.AccessScope;
import dev.hostdb.access.InvalidatingRepositories;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.StorageUnavailableException;
import dev.hostdb.domain.port.AuditLog;
import dev.hostdb.domain.port.BulkImport;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.HostStoreProvider;
import dev.hostdb.domain.port.IdSource;
import dev.hostdb.domain.port.JobQueue;
import dev.hostdb.domain.port.MembershipRepository;
import dev.hostdb.domain.port.PricingPlanRepository;
import dev.hostdb.domain.port.SubscriptionRepository;
import dev.hostdb.domain.port.TenantCatalog;
import dev.hostdb.domain.port.Transactions;
import dev.hostdb.domain.port.UserRepository;
import dev.hostdb.domain.rule.EntitlementPolicy;
import dev.hostdb.identity.Argon2PasswordHasher;
import dev.hostdb.identity.Identity;
import dev.hostdb.jdbc.routing.TenantDataSources;
import dev.hostdb.jobs.JobRunner;
import dev.hostdb.provisioning.ProvisioningSettings;
import dev.hostdb.provisioning.TenantProvisioning;
import dev.hostdb.tenancy.Billing;
import dev.hostdb.tenancy.Memberships;
import dev.hostdb.tenancy.Plans;
import dev.hostdb.tenancy.Tenancy;
import dev.hostdb.tenancy.TenancyPorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host database: the one entry point to users, tenants, memberships, billing state, the audit
 * trail and the job queue.
 *
 * <p>Like the reference's singleton, {@link #fromEnv()} and {@link #open(HostConfig)} return one
 * process-wide instance, opened on the first call; call them anywhere. {@link #create(HostConfig)}
 * opens a standalone instance for tools and tests that need a second database.
 *
 * <pre>{@code
 * HostDatabase db = HostDatabase.fromEnv();
 * User user = db.inTransaction(() -> db.users().create(User.create(db.newId(), email, db.now())));
 * }</pre>
 *
 * <p>The adapter is found on the class path by the URL's kind ({@link java.util.ServiceLoader}):
 * {@code dev.hostdb:host-persistence-sqlite} for SQLite, {@code dev.hostdb:host-persistence-jdbc}
 * for PostgreSQL. Opening brings the schema up to date.
 *
 * <p>{@link #access()} answers who may enter which tenant from a cache. Every write through this
 * instance (its repositories, {@link #bulk()}, and the services built on them) evicts the answers
 * it changes before it returns; within {@link #inTransaction}, when the outermost call ends. Writes
 * made by other processes are seen within the cache's time to live ({@link
 * AccessCache.Settings#timeToLive()}, 5 seconds by default).
 *
 * <p>Thread-safe. Every method of a closed instance throws {@link StorageUnavailableException}.
 */
public final class HostDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HostDatabase.class);

  private static final Object LOCK = new Object();
  private static HostDatabase instance; // guarded by LOCK

  private static final int RUNNER_CLOSE_SECONDS = 10;

  private final HostConfig config;
  private final Options options;
  private final HostStore store;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object identityLock = new Object();
  private Identity identity; // guarded by identityLock; made on first use

  // tenancy services, on the same invalidating repositories and transactions as the rest
  private final TenancyPorts tenancyPorts;
  private final Tenancy tenancy;
  private final Memberships members;
  private final Plans plans;
  private final Billing billing;

  // access: one cache per instance; it is the AccessInvalidation that every writer goes through,
  // and the repositories handed out are wrapped so that their writes go through it too
  private final AccessCache accessCache;
  private final UserRepository users;
  private final TenantCatalog tenants;
  private final MembershipRepository memberships;
  private final SubscriptionRepository subscriptions;
  private final BulkImport bulk;
  private final Transactions transactions;
  private final Object tenantDataSourcesLock = new Object();
  private volatile TenantDataSources tenantDataSources; // created under tenantDataSourcesLock
  private final Set<JobRunner> jobRunners = ConcurrentHashMap.newKeySet();

  /**
   * What a test or tool may replace besides the configuration.
   *
   * @param clock where {@link #now()} reads the time; UTC by default
   * @param ids where {@link #newId()} takes ids; random by default
   * @param adapter the kind of adapter to open the URL with, or null for the URL's own kind; lets
   *     an adapter that is not tied to a URL scheme (an in-memory test double, for example) be
   *     chosen
   * @param accessCache the bounds of the {@link #access()} cache
   */
  public record Options(
      Clock clock, IdSource ids, String adapter, AccessCache.Settings accessCache) {
    /**
     * @throws InvalidInputException when the clock, the id source or the cache settings are missing
     */
    public Options {
      if (clock == null) {
        throw new InvalidInputException("clock", "a clock is required");
      }
      if (ids == null) {
        throw new InvalidInputException("ids", "an id source is required");
      }
      if (accessCache == null) {
        throw new InvalidInputException("access cache", "settings are required");
      }
    }

    /** These options with the {@linkplain AccessCache.Settings#defaults() default} cache. */
    public Options(Clock clock, IdSource ids, String adapter) {
      this(clock, ids, adapter, AccessCache.Settings.defaults());
    }

    /** The system clock in UTC, random ids, and the adapter that the URL names. */
    public static Options defaults() {
      return new Options(Clock.systemUTC(), IdSource.random(), null);
    }

    /** These options with another clock. */
    public Options withClock(Clock clock) {
      return new Options(clock, ids, adapter, accessCache);
    }

    /** These options with another id source. */
    public Options withIds(IdSource ids) {
      return new Options(clock, ids, adapter, accessCache);
    }

    /** These options with the adapter of the given kind. */
    public Options withAdapter(String adapter) {
      return new Options(clock, ids, adapter, accessCache);
    }

    /** These options with other bounds for the access cache. */
    public Options withAccessCache(AccessCache.Settings accessCache) {
      return new Options(clock, ids, adapter, accessCache);
    }
  }

  private HostDatabase(HostConfig config, Options options, HostStore store) {
    this.config = config;
    this.options = options;
    this.store = store;
    this.accessCache =
        AccessCache.create(
            store.memberships(),
            options.clock(),
            EntitlementPolicy.defaults(),
            options.accessCache());
    AccessInvalidation invalidation = evictingRoutes(accessCache);
    this.users = InvalidatingRepositories.users(store.users(), invalidation);
    this.tenants = InvalidatingRepositories.tenants(store.tenants(), invalidation);
    this.memberships = InvalidatingRepositories.memberships(store.memberships(), invalidation);
    this.subscriptions =
        InvalidatingRepositories.subscriptions(store.subscriptions(), invalidation);
    this.bulk = InvalidatingRepositories.bulk(store.bulk(), invalidation);
    this.transactions = deferringInvalidation(store.transactions(), invalidation);
    this.tenancyPorts =
        new TenancyPorts(
            users,
            tenants,
            memberships,
            subscriptions,
            store.pricingPlans(),
            store.auditLog(),
            store.jobs(),
            transactions,
            options.clock(),
            options.ids(),
            invalidation);
    this.tenancy = new Tenancy(tenancyPorts);
    this.members = new Memberships(tenancyPorts);
    this.plans = new Plans(tenancyPorts);
    this.billing = new Billing(tenancyPorts, EntitlementPolicy.DEFAULT_GRACE);
  }

  /**
   * The cache's invalidation, which also retires the route of a tenant whose own state changes
   * (scopes with tenants and no users: suspension, deletion, billing), before the write and again
   * once it has ended, so that a suspended tenant routes nowhere.
   */
  private AccessInvalidation evictingRoutes(AccessCache cache) {
    return new AccessInvalidation() {
      @Override
      public Change begin(AccessScope scope) {
        Change cached = cache.begin(scope);
        evictRoutes(scope);
        return () -> {
          cached.close();
          evictRoutes(scope);
        };
      }

      @Override
      public <T> T deferWithin(Supplier<T> work) {
        return cache.deferWithin(work);
      }
    };
  }

  private void evictRoutes(AccessScope scope) {
    TenantDataSources routes = tenantDataSources;
    if (routes != null && scope.users().isEmpty()) {
      scope.tenants().forEach(routes::evict);
    }
  }

  /** {@code transactions} that close the access changes begun inside them only at their end. */
  private static Transactions deferringInvalidation(
      Transactions transactions, AccessInvalidation invalidation) {
    return new Transactions() {
      @Override
      public <T> T inTransaction(Supplier<T> work) {
        return invalidation.deferWithin(() -> transactions.inTransaction(work));
      }
    };
  }

  /**
   * The process-wide instance, configured from the environment as {@link HostConfig#fromEnv()}
   * describes.
   *
   * @throws ConflictException when the process-wide instance is open on another configuration
   */
  public static HostDatabase fromEnv() {
    return open(HostConfig.fromEnv());
  }

  /**
   * The process-wide instance at {@code url}; see {@link #open(HostConfig, Options)}.
   *
   * @throws InvalidInputException when the URL cannot be parsed
   */
  public static HostDatabase open(String url) {
    return open(HostConfig.of(url));
  }

  /** The process-wide instance with default options; see {@link #open(HostConfig, Options)}. */
  public static HostDatabase open(HostConfig config) {
    return open(config, Options.defaults());
  }

  /**
   * The process-wide instance, opened on the first call (concurrent first calls open it exactly
   * once) and returned by every later call with an equal configuration and adapter. The options of
   * the first call stay in force; the clock and id source of later calls are not compared.
   *
   * <p>After {@link #close()} or {@link #resetInstance()}, the next call opens it afresh.
   *
   * @throws ConflictException when it is already open on another configuration; the message names
   *     both URLs with their passwords masked
   * @throws StorageUnavailableException when no adapter is found or the database cannot be opened
   */
  public static HostDatabase open(HostConfig config, Options options) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(options, "options");
    synchronized (LOCK) {
      if (instance != null && !instance.closed.get()) {
        if (instance.sameDatabase(config, options)) {
          return instance;
        }
        throw new ConflictException(
            "open host database "
                + describe(config)
                + ": the process already has the host database "
                + describe(instance.config)
                + " open; close it first, or use HostDatabase.create for a second database");
      }
      instance = create(config, options);
      return instance;
    }
  }

  /**
   * A standalone instance at {@code url}, with default options; see {@link #create(HostConfig,
   * Options)}.
   *
   * @throws InvalidInputException when the URL cannot be parsed
   */
  public static HostDatabase create(String url) {
    return create(HostConfig.of(url));
  }

  /** A standalone instance with default options; see {@link #create(HostConfig, Options)}. */
  public static HostDatabase create(HostConfig config) {
    return create(config, Options.defaults());
  }

  /**
   * Opens a standalone instance that leaves the process-wide one alone: for tools that need two
   * databases and for tests. The caller closes it.
   *
   * @throws StorageUnavailableException when no adapter is found or the database cannot be opened
   */
  public static HostDatabase create(HostConfig config, Options options) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(options, "options");
    String kind = options.adapter() == null ? config.url().kind() : options.adapter();
    HostStoreProvider provider = Adapters.find(kind);
    HostStore store = provider.open(config.url(), config.settings());
    String schema;
    try {
      schema = store.schemaVersion();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    LOG.info("Opened host database {}, schema {}", config.url().masked(), schema);
    return new HostDatabase(config, options, store);
  }

  /**
   * Closes and forgets the process-wide instance, if any, so that the next {@link #open} opens a
   * new one. For tests.
   */
  public static void resetInstance() {
    synchronized (LOCK) {
      if (instance != null) {
        instance.close();
        instance = null;
      }
    }
  }

  private boolean sameDatabase(HostConfig other, Options otherOptions) {
    return config.equals(other) && Objects.equals(options.adapter(), otherOptions.adapter());
  }

  private static String describe(HostConfig config) {
    return config.url().masked()
        + " ("
        + config.settings().maxConnections()
        + " connections, "
        + config.settings().connectionTimeout().toMillis()
        + " ms timeout)";
  }

  private HostStore store() {
    if (closed.get()) {
      throw new StorageUnavailableException(
          "host database " + config.url().masked() + " is closed; open it again");
    }
    return store;
  }

  private <T> T whileOpen(T port) {
    store();
    return port;
  }

  /** Users ({@code core_users}); writes evict the user's cached {@link #access()} answers. */
  public UserRepository users() {
    return whileOpen(users);
  }

  /**
   * The tenant catalog ({@code core_tenants}); writes evict the tenant's cached {@link #access()}
   * answers.
   */
  public TenantCatalog tenants() {
    return whileOpen(tenants);
  }

  /**
   * Memberships ({@code core_memberships}); writes evict the member's and the tenant's cached
   * {@link #access()} answers.
   */
  public MembershipRepository memberships() {
    return whileOpen(memberships);
  }

  /**
   * Billing state ({@code core_subscriptions}); writes evict the tenant's cached {@link #access()}
   * answers.
   */
  public SubscriptionRepository subscriptions() {
    return whileOpen(subscriptions);
  }

  /** Pricing plans ({@code core_pricing_plans}). */
  public PricingPlanRepository pricingPlans() {
    return store().pricingPlans();
  }

  /** The append-only audit trail ({@code sys_audit_logs}). */
  public AuditLog auditLog() {
    return store().auditLog();
  }

  /** Background work ({@code sys_jobs}). */
  public JobQueue jobs() {
    return store().jobs();
  }

  /** Many users, tenants and memberships in one call, as the reference's {@code insert_all}. */
  public BulkImport bulk() {
    return whileOpen(bulk);
  }

  /** Tenants through their life: create with owner and trial, suspend, resume, delete. */
  public Tenancy tenancy() {
    store();
    return tenancy;
  }

  /** Members of tenants: add, change role, deactivate, remove, with the last-owner rule. */
  public Memberships members() {
    store();
    return members;
  }

  /** Pricing plans, and the features and tier level a tenant's plan gives it. */
  public Plans plans() {
    store();
    return plans;
  }

  /**
   * Billing state from the provider's events, and entitlement with the default grace period for
   * past-due subscriptions ({@link EntitlementPolicy#DEFAULT_GRACE}).
   */
  public Billing billing() {
    store();
    return billing;
  }

  /** Billing as {@link #billing()}, granting past-due subscriptions {@code pastDueGrace}. */
  public Billing billing(Duration pastDueGrace) {
    store();
    return new Billing(tenancyPorts, pastDueGrace);
  }

  /**
   * Registering users, signing them in, their passwords and whether they may sign in, with Argon2id
   * at the OWASP minimum ({@link Argon2PasswordHasher#owaspMinimum()}). Made on the first call.
   */
  public Identity identity() {
    HostStore open = store();
    synchronized (identityLock) {
      if (identity == null) {
        identity =
            new Identity(
                users,
                open.auditLog(),
                transactions,
                options.clock(),
                options.ids(),
                Argon2PasswordHasher.owaspMinimum(),
                accessCache);
      }
      return identity;
    }
  }

  /**
   * Pooled connections to the tenants' own databases, as the tenant catalog routes them: for an
   * active tenant only, never a default database. Created on the first call with {@link
   * dev.hostdb.jdbc.routing.TenantPoolSettings#defaults()}, and closed with this instance. Whoever
   * suspends, moves or deletes a tenant calls its {@link TenantDataSources#evict evict}.
   */
  public TenantDataSources tenantDataSources() {
    TenantDataSources existing = tenantDataSources;
    if (existing != null && !closed.get()) {
      return existing;
    }
    synchronized (tenantDataSourcesLock) {
      // checked under the lock that close() takes, so no pool outlives this instance
      HostStore open = store();
      if (tenantDataSources == null) {
        tenantDataSources = TenantDataSources.create(open.tenants());
      }
      return tenantDataSources;
    }
  }

  /**
   * The tenants' own databases: provisioning a new tenant's database with the application's tenant
   * changelog, and purging a deleted tenant's database after the retention period, both resumable
   * after a crash and audited once. A purge first retires the tenant's pools in {@link
   * #tenantDataSources()}.
   *
   * @param settings the tenant changelog, the retention period and the PostgreSQL maintenance
   *     database
   */
  public TenantProvisioning provisioning(ProvisioningSettings settings) {
    store();
    return new TenantProvisioning(tenancyPorts, config.url(), this::retireRoutes, settings);
  }

  private void retireRoutes(Id tenantId) {
    TenantDataSources routes = tenantDataSources;
    if (routes != null) {
      routes.evict(tenantId);
    }
  }

  /**
   * A new runner for the job queue, reading this instance's clock. Register its handlers, then
   * {@link JobRunner#start() start} it; {@link #close()} shuts down the runners not yet shut down,
   * with a deadline of 10 seconds.
   *
   * @throws dev.hostdb.domain.error.InvalidInputException when the settings are missing
   */
  public JobRunner jobRunner(JobRunner.Settings settings) {
    if (settings == null) {
      throw new InvalidInputException("settings", "job runner settings are required");
    }
    JobRunner runner = new JobRunner(whileOpen(store).jobs(), options.clock(), settings);
    jobRunners.add(runner);
    return runner;
  }

  /** Runs work in one transaction; calls nest, as {@link #inTransaction(Supplier)}. */
  public Transactions transactions() {
    return whileOpen(transactions);
  }

  /**
   * Runs {@code work} in one transaction and returns its result after the commit; any exception
   * rolls it back and reaches the caller unchanged. Calls nest: an inner call joins the outer
   * transaction.
   *
   * <p>The {@link #access()} answers that writes inside it change are evicted when the outermost
   * call ends, after the commit or rollback and before it returns; until then, checks of the users
   * and tenants written read the database.
   */
  public <T> T inTransaction(Supplier<T> work) {
    return whileOpen(transactions).inTransaction(work);
  }

  /** Runs {@code work} in one transaction; any exception rolls it back. */
  public void inTransaction(Runnable work) {
    whileOpen(transactions).inTransaction(work);
  }

  /**
   * Who may enter which tenant, with the role, the route to the tenant's database and the tenant's
   * entitlement; answered from a cache that writes through this instance keep current (see {@link
   * AccessCache}).
   */
  public Access access() {
    return whileOpen(accessCache);
  }

  /**
   * The one {@link AccessInvalidation} of this instance: services that write rows an access answer
   * rests on begin a change through it around their write.
   */
  AccessInvalidation accessInvalidation() {
    return accessCache;
  }

  /** The clock that {@link #now()} reads; UTC unless {@link Options} replaced it. */
  public Clock clock() {
    return options.clock();
  }

  /** Where new ids come from; random unless {@link Options} replaced it. */
  public IdSource ids() {
    return options.ids();
  }

  /** A new id from {@link #ids()}. */
  public Id newId() {
    return options.ids().next();
  }

  /**
   * The current instant from {@link #clock()}, truncated to microseconds as the database stores it,
   * so that a record read back equals the one written.
   */
  public Instant now() {
    return options.clock().instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** The id of the last schema change applied to the database. */
  public String schemaVersion() {
    return store().schemaVersion();
  }

  /** The number of rows in each table, in the order of {@link HostStore#TABLES}. */
  public Map<String, Long> rowCounts() {
    return store().rowCounts();
  }

  /** The configuration this instance was opened with. */
  public HostConfig config() {
    return config;
  }

  /** The connection URI with its password masked as {@code ***}: safe to log or show. */
  public String uri() {
    return uri(false);
  }

  /**
   * The connection URI, with its password only when {@code revealPassword} is true: for tools that
   * must open a connection of their own, as the reference's {@code get_db_uri}. Never log the
   * revealed form.
   */
  public String uri(boolean revealPassword) {
    return revealPassword ? config.url().reveal() : config.url().masked();
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closed.get();
  }

  /** Releases every connection. Calling it again does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (JobRunner runner : jobRunners) {
        runner.shutdown(Duration.ofSeconds(RUNNER_CLOSE_SECONDS));
      }
      synchronized (tenantDataSourcesLock) {
        if (tenantDataSources != null) {
          tenantDataSources.close();
        }
      }
      store.close();
      LOG.info("Closed host database {}", config.url().masked());
    }
  }

  /** The masked URI. */
  @Override
  public String toString() {
    return "HostDatabase[" + uri() + (closed.get() ? ", closed" : "") + "]";
  }
}
