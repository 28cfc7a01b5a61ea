package dev.hostdb;

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
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
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
 * <p>Thread-safe. Every method of a closed instance throws {@link StorageUnavailableException}.
 */
public final class HostDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HostDatabase.class);

  private static final Object LOCK = new Object();
  private static HostDatabase instance; // guarded by LOCK

  private final HostConfig config;
  private final Options options;
  private final HostStore store;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * What a test or tool may replace besides the configuration.
   *
   * @param clock where {@link #now()} reads the time; UTC by default
   * @param ids where {@link #newId()} takes ids; random by default
   * @param adapter the kind of adapter to open the URL with, or null for the URL's own kind; lets
   *     an adapter that is not tied to a URL scheme (an in-memory test double, for example) be
   *     chosen
   */
  public record Options(Clock clock, IdSource ids, String adapter) {
    /**
     * @throws InvalidInputException when the clock or the id source is missing
     */
    public Options {
      if (clock == null) {
        throw new InvalidInputException("clock", "a clock is required");
      }
      if (ids == null) {
        throw new InvalidInputException("ids", "an id source is required");
      }
    }

    /** The system clock in UTC, random ids, and the adapter that the URL names. */
    public static Options defaults() {
      return new Options(Clock.systemUTC(), IdSource.random(), null);
    }

    /** These options with another clock. */
    public Options withClock(Clock clock) {
      return new Options(clock, ids, adapter);
    }

    /** These options with another id source. */
    public Options withIds(IdSource ids) {
      return new Options(clock, ids, adapter);
    }

    /** These options with the adapter of the given kind. */
    public Options withAdapter(String adapter) {
      return new Options(clock, ids, adapter);
    }
  }

  private HostDatabase(HostConfig config, Options options, HostStore store) {
    this.config = config;
    this.options = options;
    this.store = store;
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

  /** Users ({@code core_users}). */
  public UserRepository users() {
    return store().users();
  }

  /** The tenant catalog ({@code core_tenants}). */
  public TenantCatalog tenants() {
    return store().tenants();
  }

  /** Memberships ({@code core_memberships}). */
  public MembershipRepository memberships() {
    return store().memberships();
  }

  /**
   * Many users, tenants and memberships written in one transaction, in JDBC batches: for imports
   * and seeding, far faster than one {@code create} call per row.
   */
  public BulkImport bulk() {
    return store().bulk();
  }

  /** Billing state ({@code core_subscriptions}). */
  public SubscriptionRepository subscriptions() {
    return store().subscriptions();
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

  /** Runs work in one transaction; calls nest. */
  public Transactions transactions() {
    return store().transactions();
  }

  /**
   * Runs {@code work} in one transaction and returns its result after the commit; any exception
   * rolls it back and reaches the caller unchanged.
   */
  public <T> T inTransaction(Supplier<T> work) {
    return store().transactions().inTransaction(work);
  }

  /** Runs {@code work} in one transaction; any exception rolls it back. */
  public void inTransaction(Runnable work) {
    store().transactions().inTransaction(work);
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
