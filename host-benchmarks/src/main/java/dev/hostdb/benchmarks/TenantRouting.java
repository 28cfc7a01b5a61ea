package dev.hostdb.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Tenant;
import dev.hostdb.jdbc.routing.TenantDataSources;
import dev.hostdb.jdbc.routing.TenantPoolSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing a request to its tenant's database: {@value #TENANTS} tenants in the catalog, at most
 * {@value #MAX_POOLS} pools open ({@link TenantPoolSettings#defaults()}).
 *
 * <p>The tenants' own databases are SQLite files in a temporary folder for both values of {@code
 * database}, which only chooses where the host database (the tenant catalog) lives: {@value
 * #TENANTS} PostgreSQL databases per trial would take minutes to create and drop, and the routing
 * path timed here does not touch the tenant database at all.
 *
 * <p>Setup routes every tenant once through {@code HostDatabase.tenantDataSources()} and runs
 * {@code SELECT 1} on a connection of each, so that {@value #TENANTS} pools and connections are
 * opened and all but the last {@value #MAX_POOLS} are evicted again; those last ones are the warm
 * set. Then:
 *
 * <ul>
 *   <li>{@code hostdb}: {@code tenantDataSources().dataSourceFor(tenant)} for a random tenant of
 *       the warm set: the cached catalog check and the open pool's lookup. Once every 5 s per
 *       tenant ({@link TenantPoolSettings#catalogTtl()}) the check reads the catalog again; that
 *       cost is part of the average, as it is in production. Target ≤ 2 µs.
 *   <li>{@code rawJdbc}: a hand-written {@code ConcurrentHashMap<Id, DataSource>} lookup of {@value
 *       #MAX_POOLS} HikariCP pools built in setup for the same tenants, with no check at all: the
 *       floor for any router.
 * </ul>
 *
 * <p>After setup and at teardown the trial prints a {@code [TenantRouting]} line to the JMH output:
 * live JVM threads (against the count before the first route), the threads named after HostDB's
 * tenant pools, the pool counts of {@link TenantDataSources#stats()}, and the tenant database files
 * the process holds open (read from {@code /proc/self/fd}, one descriptor per SQLite connection),
 * split into those of the warm set (the open pools' own) and those of any other tenant, which must
 * be 0 once eviction has closed their pools.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TenantRouting {
  private static final Logger LOG = LoggerFactory.getLogger(TenantRouting.class);

  /** Tenants in the catalog, each with its own SQLite file. */
  public static final int TENANTS = 2_000;

  /** The most pools open at once: HostDB's default, and the size of the warm set. */
  public static final int MAX_POOLS = 64;

  private static final long CLOSE_WAIT_MILLIS = 60_000;

  /** Where the host database (the catalog) lives; the tenant databases are SQLite either way. */
  @Param({BenchDatabase.SQLITE, BenchDatabase.POSTGRES})
  public String database;

  private BenchDatabase db;
  private Path folder;
  private TenantDataSources routes;
  private Id[] warm;
  private Set<String> warmFiles;
  private int threadsBefore;
  private final Map<Id, DataSource> rawPools = new ConcurrentHashMap<>();
  private final List<HikariDataSource> rawHikari = new ArrayList<>();
  private ScheduledThreadPoolExecutor rawScheduler;
  private final SplittableRandom random = new SplittableRandom(42);

  /** Seeds the catalog, routes every tenant once, and builds the raw side's pools. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    db = BenchDatabase.open(database);
    folder = Files.createTempDirectory("hostdb-bench-tenants-");
    Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Tenant> tenants = new ArrayList<>(TENANTS);
    for (int i = 0; i < TENANTS; i++) {
      DatabaseUrl url = DatabaseUrl.parse("sqlite:///" + tenantFile(i));
      tenants.add(Tenant.create(Id.random(), "Tenant " + i, url, created));
    }
    db.hostDb().bulk().insertAll(List.of(), tenants, List.of());
    db.analyze();

    threadsBefore = liveThreads();
    routes = db.hostDb().tenantDataSources();
    if (routes.settings().maxPools() != MAX_POOLS) {
      throw new IllegalStateException("expected the default of " + MAX_POOLS + " pools");
    }
    for (Tenant tenant : tenants) {
      try (Connection connection = routes.dataSourceFor(tenant.id()).getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("SELECT 1");
      }
    }
    warm = new Id[MAX_POOLS];
    warmFiles = new HashSet<>();
    for (int k = 0; k < MAX_POOLS; k++) {
      int i = TENANTS - MAX_POOLS + k;
      warm[k] = tenants.get(i).id();
      warmFiles.add(tenantFile(i).toString());
    }
    waitForRetiredPools();
    report("after routing " + TENANTS + " tenants");

    rawScheduler = new ScheduledThreadPoolExecutor(TenantDataSources.SCHEDULER_THREADS);
    for (int k = 0; k < MAX_POOLS; k++) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("raw-tenant-" + k);
      config.setJdbcUrl("jdbc:sqlite:" + tenantFile(TENANTS - MAX_POOLS + k));
      config.setMaximumPoolSize(routes.settings().maxConnectionsPerTenant());
      config.setMinimumIdle(0);
      config.setInitializationFailTimeout(-1);
      config.setScheduledExecutor(rawScheduler);
      HikariDataSource hikari = new HikariDataSource(config);
      rawHikari.add(hikari);
      rawPools.put(warm[k], hikari);
    }
  }

  /** Prints the thread and connection counts, then closes every pool and drops the databases. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    try {
      report("at teardown");
      rawHikari.forEach(HikariDataSource::close);
      rawScheduler.shutdownNow();
    } finally {
      try {
        db.close();
      } finally {
        deleteFolder(folder);
      }
    }
  }

  private Path tenantFile(int i) {
    return folder.resolve(String.format("tenant-%04d.db", i));
  }

  /** Through the HostDB API: the pool of a warm tenant. */
  @Benchmark
  public DataSource hostdb() {
    return routes.dataSourceFor(warm[random.nextInt(MAX_POOLS)]);
  }

  /** A hand-written map of pre-built pools. */
  @Benchmark
  public DataSource rawJdbc() {
    return rawPools.get(warm[random.nextInt(MAX_POOLS)]);
  }

  private void waitForRetiredPools() throws InterruptedException {
    long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
    while (routes.stats().retiredPools() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
  }

  private void report(String when) throws IOException {
    int threads = liveThreads();
    long tenantPoolThreads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("hostdb-tenant-"))
            .count();
    int warmConnections = 0;
    int otherConnections = 0;
    for (String file : openTenantFiles()) {
      if (warmFiles.contains(file)) {
        warmConnections++;
      } else {
        otherConnections++;
      }
    }
    TenantDataSources.Stats stats = routes.stats();
    int growth = threads - threadsBefore;
    LOG.info(
        "[TenantRouting] {}: live threads {} ({} since before the first route; {} named"
            + " hostdb-tenant-*; bound {} + a constant): {}; open tenant connections: {} of the"
            + " {} open pools, {} of other tenants (must be 0): {}; {}",
        when,
        threads,
        String.format("%+d", growth),
        tenantPoolThreads,
        MAX_POOLS,
        growth <= MAX_POOLS + 8 ? "OK" : "OVER",
        warmConnections,
        stats.openPools(),
        otherConnections,
        otherConnections == 0 ? "OK" : "LEAK",
        stats);
  }

  private static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /** The tenant database files behind the process's open descriptors, one entry per descriptor. */
  private List<String> openTenantFiles() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    List<String> files = new ArrayList<>();
    if (!Files.isDirectory(fds)) {
      return files;
    }
    try (Stream<Path> links = Files.list(fds)) {
      for (Path link : links.toList()) {
        try {
          String target = Files.readSymbolicLink(link).toString();
          if (target.startsWith(folder.toString()) && target.endsWith(".db")) {
            files.add(target);
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor was closed between listing and reading: not open
        }
      }
    }
    return files;
  }

  private static void deleteFolder(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
