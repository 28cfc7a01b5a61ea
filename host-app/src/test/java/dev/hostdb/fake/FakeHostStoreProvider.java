package dev.hostdb.fake;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.port.AuditLog;
import dev.hostdb.domain.port.BulkImport;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.HostStoreProvider;
import dev.hostdb.domain.port.JobQueue;
import dev.hostdb.domain.port.MembershipRepository;
import dev.hostdb.domain.port.PricingPlanRepository;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.domain.port.SubscriptionRepository;
import dev.hostdb.domain.port.TenantCatalog;
import dev.hostdb.domain.port.Transactions;
import dev.hostdb.domain.port.UserRepository;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An adapter of kind {@value #KIND}, found through META-INF/services like a real one, that counts
 * opens and closes and hands the work to the real SQLite adapter. A URL of another kind opens a
 * SQLite file of its own in the temporary folder, so tests can use any URL without a server.
 */
public final class FakeHostStoreProvider implements HostStoreProvider {
  /** The kind to select with {@code HostDatabase.Options.withAdapter}. */
  public static final String KIND = "fake";

  private static final Map<DatabaseUrl, AtomicInteger> OPENS = new ConcurrentHashMap<>();
  private static final Map<DatabaseUrl, AtomicInteger> OPEN_STORES = new ConcurrentHashMap<>();

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public HostStore open(DatabaseUrl url, StoreSettings settings) {
    OPENS.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
    pause(); // widens the window in which concurrent first opens could race
    HostStore store = sqlite().open(sqliteUrl(url), settings);
    AtomicInteger open = OPEN_STORES.computeIfAbsent(url, u -> new AtomicInteger());
    open.incrementAndGet();
    return new Counted(store, url, open);
  }

  private static HostStoreProvider sqlite() {
    return ServiceLoader.load(HostStoreProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(provider -> provider.kind().equals("sqlite"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the SQLite adapter is not on the test class path"));
  }

  private static DatabaseUrl sqliteUrl(DatabaseUrl url) {
    if (url.kind().equals("sqlite")) {
      return url;
    }
    Path file =
        Path.of(System.getProperty("java.io.tmpdir"))
            .resolve("hostdb-fake-" + Integer.toHexString(url.reveal().hashCode()) + ".db");
    return DatabaseUrl.sqliteFile(file.toString());
  }

  /** How many times {@link #open} was called for {@code url}. */
  public static int opens(DatabaseUrl url) {
    AtomicInteger count = OPENS.get(url);
    return count == null ? 0 : count.get();
  }

  /** How many stores for {@code url} are open and not yet closed. */
  public static int openStores(DatabaseUrl url) {
    AtomicInteger count = OPEN_STORES.get(url);
    return count == null ? 0 : count.get();
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The real store, reporting the URL it was asked for and counting its close. */
  private static final class Counted implements HostStore {
    private final HostStore store;
    private final DatabaseUrl url;
    private final AtomicInteger open;
    private boolean closed;

    Counted(HostStore store, DatabaseUrl url, AtomicInteger open) {
      this.store = store;
      this.url = url;
      this.open = open;
    }

    @Override
    public UserRepository users() {
      return store.users();
    }

    @Override
    public TenantCatalog tenants() {
      return store.tenants();
    }

    @Override
    public MembershipRepository memberships() {
      return store.memberships();
    }

    @Override
    public SubscriptionRepository subscriptions() {
      return store.subscriptions();
    }

    @Override
    public PricingPlanRepository pricingPlans() {
      return store.pricingPlans();
    }

    @Override
    public AuditLog auditLog() {
      return store.auditLog();
    }

    @Override
    public JobQueue jobs() {
      return store.jobs();
    }

    @Override
    public Transactions transactions() {
      return store.transactions();
    }

    @Override
    public BulkImport bulk() {
      return store.bulk();
    }

    @Override
    public DatabaseUrl url() {
      return url;
    }

    @Override
    public String schemaVersion() {
      return store.schemaVersion();
    }

    @Override
    public Map<String, Long> rowCounts() {
      return store.rowCounts();
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        open.decrementAndGet();
        store.close();
      }
    }
  }
}
