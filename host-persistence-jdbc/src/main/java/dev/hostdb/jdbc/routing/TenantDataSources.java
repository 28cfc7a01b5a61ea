package dev.hostdb.jdbc.routing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.error.StorageUnavailableException;
import dev.hostdb.domain.port.TenantCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pooled connections to the tenants' own databases, found through the tenant catalog: PostgreSQL on
 * any number of servers, or SQLite files.
 *
 * <pre>{@code
 * DataSource acme = tenantDataSources.dataSourceFor(acmeId);          // one tenant
 * DataSource current = tenantDataSources.routingDataSource();         // whichever tenant
 * TenantContext.run(acmeId, () -> jdbc(current).update("..."));       // is current
 * }</pre>
 *
 * <p>Only a tenant that exists and is active is routed; any other is refused, never sent to a
 * default database. A tenant found active is trusted for {@link TenantPoolSettings#catalogTtl()}
 * without reading the catalog again; {@link #evict(Id)} forgets it at once, so whoever suspends or
 * moves a tenant through HostDB calls it.
 *
 * <p>Each tenant gets a small HikariCP pool of its own ({@link
 * TenantPoolSettings#maxConnectionsPerTenant()}, none open while idle), with the credentials of its
 * catalog URL given as driver properties, never inside a URL. At most {@link
 * TenantPoolSettings#maxPools()} pools are open: routing one more retires the least recently used,
 * and a pool unused for {@link TenantPoolSettings#idleTimeout()} is retired too. A retired pool
 * hands out no connection, and closes once every connection borrowed from it is closed, so a
 * running transaction is never cut. All pools share one housekeeping scheduler of {@value
 * #SCHEDULER_THREADS} daemon threads; besides those, each HikariCP pool runs a thread only while it
 * opens or closes connections. So threads and connections stay bounded however many tenants there
 * are.
 *
 * <p>SQLite connections run with foreign keys enforced, WAL, {@code synchronous=FULL} and a busy
 * timeout equal to the connection timeout; they need {@code org.xerial:sqlite-jdbc} on the class
 * path, which {@code dev.hostdb:host-persistence-sqlite} brings.
 *
 * <p><b>NOTE:</b> a caller that never closes a borrowed connection keeps its retired pool open; and
 * while several threads route new tenants at the same instant, the number of open pools may exceed
 * the bound by the number of those threads until their routing returns.
 *
 * <p>Thread-safe: concurrent first calls for one tenant create exactly one pool.
 */
public final class TenantDataSources implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TenantDataSources.class);

  /** The threads of the housekeeping scheduler that every pool shares. */
  public static final int SCHEDULER_THREADS = 2;

  /** How often a route is retried when eviction retires the pool between lookup and borrow. */
  private static final int ROUTE_ATTEMPTS = 3;

  private static final Duration LONGEST_SWEEP_PERIOD = Duration.ofSeconds(30);
  private static final Duration SHORTEST_HIKARI_IDLE = Duration.ofSeconds(10);
  private static final Duration LONGEST_HIKARI_IDLE = Duration.ofMinutes(10);

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final TenantCatalog catalog;
  private final TenantPoolSettings settings;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Map<Id, TenantPool> pools = new ConcurrentHashMap<>();
  private final Set<TenantPool> retired = ConcurrentHashMap.newKeySet();
  private final Map<Id, Checked> checked = new ConcurrentHashMap<>();
  private final Object evictionLock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong poolsCreated = new AtomicLong();
  private final AtomicLong poolsClosed = new AtomicLong();
  private final TenantRoutingDataSource routingDataSource;

  /**
   * What the pools are doing now.
   *
   * @param openPools pools that hand out connections, at most {@link TenantPoolSettings#maxPools()}
   * @param retiredPools pools evicted, idle or moved that still wait for borrowed connections to
   *     come back, or for their closing to finish
   * @param poolsCreated pools created since this instance opened
   * @param poolsClosed pools closed since this instance opened
   */
  public record Stats(int openPools, int retiredPools, long poolsCreated, long poolsClosed) {}

  /** A tenant found active in the catalog, and when. */
  private record Checked(Tenant tenant, long checkedAt) {}

  private TenantDataSources(TenantCatalog catalog, TenantPoolSettings settings) {
    this.catalog = catalog;
    this.settings = settings;
    this.scheduler = newScheduler();
    this.routingDataSource = new TenantRoutingDataSource(this);
    long sweep = sweepPeriod(settings.idleTimeout()).toMillis();
    scheduler.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
  }

  /**
   * Routes the tenants of {@code catalog} with the default settings; see {@link
   * TenantPoolSettings#defaults()}. Close it to close every pool.
   */
  public static TenantDataSources create(TenantCatalog catalog) {
    return create(catalog, TenantPoolSettings.defaults());
  }

  /** Routes the tenants of {@code catalog}. Close it to close every pool. */
  public static TenantDataSources create(TenantCatalog catalog, TenantPoolSettings settings) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(settings, "settings");
    TenantDataSources dataSources = new TenantDataSources(catalog, settings);
    LOG.info(
        "Opened tenant pools: at most {} pools of {} connections, idle timeout {}",
        settings.maxPools(),
        settings.maxConnectionsPerTenant(),
        settings.idleTimeout());
    return dataSources;
  }

  /**
   * The pooled data source of an active tenant's own database. Close every connection taken from
   * it. Once its pool is retired (see the class comment), it hands out no more connections: ask
   * again here rather than keeping it.
   *
   * @throws NotFoundException when the catalog has no such tenant
   * @throws ConflictException when the tenant is suspended
   * @throws StorageUnavailableException when the driver for its database is missing, or this is
   *     closed
   */
  public DataSource dataSourceFor(Id tenantId) {
    return poolFor(allowed(tenantId)).dataSource();
  }

  /**
   * The data source that routes each {@code getConnection()} to the tenant current in {@link
   * TenantContext}, with the same checks as {@link #dataSourceFor(Id)}; without a current tenant it
   * refuses.
   */
  public TenantRoutingDataSource routingDataSource() {
    return routingDataSource;
  }

  /**
   * Forgets what the catalog said about the tenant and retires its pool: the next route reads the
   * catalog again. Call it when a tenant is suspended, moved or deleted. Connections already
   * borrowed stay usable until closed.
   *
   * @return whether the tenant had an open pool
   */
  public boolean evict(Id tenantId) {
    Objects.requireNonNull(tenantId, "tenantId");
    checked.remove(tenantId);
    TenantPool pool = pools.get(tenantId);
    return pool != null && retire(pool, "evicted");
  }

  /** What the pools are doing now. */
  public Stats stats() {
    return new Stats(pools.size(), retired.size(), poolsCreated.get(), poolsClosed.get());
  }

  /** The settings this instance runs with. */
  public TenantPoolSettings settings() {
    return settings;
  }

  /** A connection of the tenant, routing again if the pool is retired on the way. */
  Connection connectionFor(Id tenantId) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return poolFor(allowed(tenantId)).borrow();
      } catch (TenantPool.RetiredPoolException e) {
        if (attempt == ROUTE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private Tenant allowed(Id tenantId) {
    if (tenantId == null) {
      throw new InvalidInputException("tenantId", "a tenant id is required to route");
    }
    ensureOpen();
    long now = System.nanoTime();
    Checked known = checked.get(tenantId);
    if (known != null && now - known.checkedAt() < settings.catalogTtl().toNanos()) {
      return known.tenant();
    }
    Tenant tenant = catalog.findById(tenantId).orElse(null);
    if (tenant == null || !tenant.active()) {
      evict(tenantId);
      if (tenant == null) {
        throw new NotFoundException("route to the tenant database", "tenant", tenantId);
      }
      throw new ConflictException(
          "route to the tenant database: tenant "
              + tenantId
              + " is suspended, and a suspended tenant routes nowhere");
    }
    checked.put(tenantId, new Checked(tenant, now));
    return tenant;
  }

  private TenantPool poolFor(Tenant tenant) {
    TenantPool pool = pools.get(tenant.id());
    if (pool != null && pool.url().equals(tenant.dbUrl())) {
      pool.touch();
      return pool;
    }
    if (pool != null) {
      retire(pool, "its database moved");
    }
    AtomicBoolean created = new AtomicBoolean();
    pool =
        pools.computeIfAbsent(
            tenant.id(),
            id -> {
              created.set(true);
              return open(tenant);
            });
    if (created.get()) {
      poolsCreated.incrementAndGet();
      retireBeyondBound(pool);
      if (closed.get()) {
        retire(pool, "tenant pools closed");
        ensureOpen();
      }
    }
    pool.touch();
    return pool;
  }

  /** Retires the least recently used pools until at most the bound are open. */
  private void retireBeyondBound(TenantPool fresh) {
    synchronized (evictionLock) {
      while (pools.size() > settings.maxPools()) {
        TenantPool eldest = null;
        for (TenantPool pool : pools.values()) {
          if (pool != fresh && (eldest == null || pool.lastUsed() - eldest.lastUsed() < 0)) {
            eldest = pool;
          }
        }
        if (eldest == null) {
          return;
        }
        retire(eldest, "least recently used of " + settings.maxPools());
      }
    }
  }

  /** Retires the pools unused for longer than the idle timeout, and forgets stale checks. */
  private void sweep() {
    try {
      long now = System.nanoTime();
      long idle = settings.idleTimeout().toNanos();
      for (TenantPool pool : pools.values()) {
        if (now - pool.lastUsed() > idle && pool.borrowed() == 0) {
          retire(pool, "unused for " + settings.idleTimeout());
        }
      }
      long ttl = settings.catalogTtl().toNanos();
      checked.values().removeIf(known -> now - known.checkedAt() >= ttl);
    } catch (RuntimeException e) {
      // a failing sweep must not cancel the next ones
      LOG.warn("Sweeping idle tenant pools failed; trying again later", e);
    }
  }

  /** Removes the pool from the open ones and retires it; false when it was already gone. */
  private boolean retire(TenantPool pool, String reason) {
    if (!pools.remove(pool.tenantId(), pool)) {
      return false;
    }
    retired.add(pool);
    LOG.debug("Retiring the pool of tenant {}: {}", pool.tenantId(), reason);
    pool.retire();
    return true;
  }

  /** Called by a retired pool when it has no borrowed connection left. */
  private void scheduleClose(TenantPool pool) {
    try {
      scheduler.execute(() -> closeNow(pool));
    } catch (RejectedExecutionException e) {
      closeNow(pool);
    }
  }

  private void closeNow(TenantPool pool) {
    try {
      pool.hikari().close();
    } catch (RuntimeException e) {
      LOG.warn("Closing the pool of tenant {} failed", pool.tenantId(), e);
    } finally {
      if (retired.remove(pool)) {
        poolsClosed.incrementAndGet();
        LOG.debug("Closed the pool of tenant {}", pool.tenantId());
      }
    }
  }

  private TenantPool open(Tenant tenant) {
    HikariDataSource hikari = hikari(tenant.id(), tenant.dbUrl());
    LOG.debug("Opened a pool for tenant {} at {}", tenant.id(), tenant.dbUrl().masked());
    return new TenantPool(tenant.id(), tenant.dbUrl(), hikari, this::scheduleClose);
  }

  private HikariDataSource hikari(Id tenantId, DatabaseUrl url) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("hostdb-tenant-" + tenantId);
    config.setJdbcUrl(url.jdbcUrl());
    // credentials travel as driver properties: HikariCP and drivers log URLs, and mask these
    if (url.user() != null) {
      config.setUsername(url.user());
    }
    if (url.password() != null) {
      config.setPassword(url.password());
    }
    if ("sqlite".equals(url.kind())) {
      config.addDataSourceProperty("foreign_keys", "true");
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty(
          "busy_timeout", String.valueOf(settings.connectionTimeout().toMillis()));
    }
    config.setMaximumPoolSize(settings.maxConnectionsPerTenant());
    config.setMinimumIdle(0);
    config.setIdleTimeout(hikariIdleTimeout(settings.idleTimeout()).toMillis());
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    // creating a pool must not connect: it runs inside the map's lock for this tenant
    config.setInitializationFailTimeout(-1);
    config.setScheduledExecutor(scheduler);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StorageUnavailableException(
          "route to the database of tenant "
              + tenantId
              + " at "
              + url.masked()
              + ": cannot create its pool; is the "
              + ("sqlite".equals(url.kind())
                  ? "org.xerial:sqlite-jdbc"
                  : "org.postgresql:postgresql")
              + " driver on the class path?",
          e);
    }
  }

  private static Duration hikariIdleTimeout(Duration idleTimeout) {
    if (idleTimeout.compareTo(SHORTEST_HIKARI_IDLE) < 0) {
      return SHORTEST_HIKARI_IDLE;
    }
    return idleTimeout.compareTo(LONGEST_HIKARI_IDLE) > 0 ? LONGEST_HIKARI_IDLE : idleTimeout;
  }

  private static Duration sweepPeriod(Duration idleTimeout) {
    Duration quarter = idleTimeout.dividedBy(4);
    if (quarter.compareTo(LONGEST_SWEEP_PERIOD) > 0) {
      return LONGEST_SWEEP_PERIOD;
    }
    return quarter.toMillis() < 10 ? Duration.ofMillis(10) : quarter;
  }

  private static ScheduledThreadPoolExecutor newScheduler() {
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        work -> {
          Thread thread =
              new Thread(
                  work,
                  "hostdb-tenant-pools-" + instance + "-housekeeper-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(SCHEDULER_THREADS, factory);
    // HikariCP cancels a pool's housekeeping task when the pool closes: drop it from the queue
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return scheduler;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new StorageUnavailableException(
          "route to a tenant database: the tenant pools are closed");
    }
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Closes every pool and the scheduler. Connections still borrowed are closed under their users;
   * later routes fail with {@link StorageUnavailableException}. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    pools.values().forEach(pool -> retire(pool, "tenant pools closed"));
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(
          settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Tenant pools still closing after {}", settings.connectionTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    retired.forEach(this::closeNow);
    checked.clear();
    LOG.info("Closed tenant pools: {} created, {} closed", poolsCreated.get(), poolsClosed.get());
  }

  /** The bound and the number of open pools. */
  @Override
  public String toString() {
    return "TenantDataSources[" + stats() + ", max " + settings.maxPools() + "]";
  }
}
