package dev.hostdb.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.hostdb.HostDatabase;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.jdbc.routing.TenantContext;
import dev.hostdb.jdbc.routing.TenantDataSources;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Routing through the facade, on a SQLite host database with SQLite tenant databases. */
class TenantRoutingTest {
  private static final int TENANTS = 2_000;
  private static final int MAX_POOLS = 64;

  /**
   * Besides one connection-adding thread per open pool: the two shared scheduler threads, the
   * adder, closer and assassin threads of the pools closing at that instant, and a little room for
   * the JVM's own. On an idle machine one or two pools close at a time (about +66 threads in all);
   * on a loaded one, closing pools' threads live longer and overlap, so the room is as large as the
   * pool bound itself. Threads still grow with the bound of 64 pools, never with the 2,000 tenants.
   */
  private static final int FEW_THREADS = MAX_POOLS;

  @TempDir Path dir;

  private HostDatabase open() {
    return HostDatabase.create("sqlite:///" + dir.resolve("host.db"));
  }

  private List<Tenant> tenants(HostDatabase db, int count) throws Exception {
    Path tenantDir = Files.createDirectories(dir.resolve("tenants"));
    List<Tenant> tenants = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DatabaseUrl url = DatabaseUrl.sqliteFile(tenantDir.resolve("tenant-" + i + ".db").toString());
      tenants.add(Tenant.create(db.newId(), "Tenant " + i, url, db.now()));
    }
    db.bulk().insertAll(List.of(), tenants, List.of());
    return tenants;
  }

  private static int selectOne(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT 1")) {
      row.next();
      return row.getInt(1);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s until " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void routes_two_thousand_tenants_through_at_most_64_pools_with_bounded_threads()
      throws Exception {
    Level hikariLevel = quiet("com.zaxxer.hikari");
    Level routingLevel = quiet("dev.hostdb.jdbc.routing");
    CountingSqliteDriver connections =
        CountingSqliteDriver.install(dir.resolve("tenants").toString());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (HostDatabase db = open()) {
      List<Tenant> tenants = tenants(db, TENANTS);
      int threadsBefore = threads.getThreadCount();
      int peakThreads = threadsBefore;
      int peakPools = 0;

      TenantDataSources routing = db.tenantDataSources();
      for (Tenant tenant : tenants) {
        assertThat(selectOne(routing.dataSourceFor(tenant.id()))).isEqualTo(1);
        peakThreads = Math.max(peakThreads, threads.getThreadCount());
        peakPools = Math.max(peakPools, routing.stats().openPools());
      }
      await(() -> routing.stats().retiredPools() == 0, "every evicted pool closed");
      int openAfterEviction = connections.open();

      System.out.printf(
          "threads before %d, peak %d (+%d); peak open pools %d; pools created %d, closed %d;"
              + " physical connections opened %d, open after eviction %d%n",
          threadsBefore,
          peakThreads,
          peakThreads - threadsBefore,
          peakPools,
          routing.stats().poolsCreated(),
          routing.stats().poolsClosed(),
          connections.opened(),
          openAfterEviction);
      assertThat(peakPools).isLessThanOrEqualTo(MAX_POOLS);
      assertThat(peakThreads).isLessThanOrEqualTo(threadsBefore + MAX_POOLS + FEW_THREADS);
      assertThat(connections.opened()).isGreaterThanOrEqualTo(TENANTS);
      assertThat(routing.stats().poolsClosed()).isEqualTo(TENANTS - MAX_POOLS);
      assertThat(openAfterEviction)
          .as("connections of evicted pools are closed; only the open pools' idle ones remain")
          .isLessThanOrEqualTo(routing.stats().openPools());
    } finally {
      connections.uninstall();
      restore("com.zaxxer.hikari", hikariLevel);
      restore("dev.hostdb.jdbc.routing", routingLevel);
    }
    assertThat(connections.open()).as("closing the host database closes every pool").isZero();
  }

  @Test
  void refuses_suspended_and_unknown_tenants_naming_them() throws Exception {
    try (HostDatabase db = open()) {
      Tenant suspended = tenants(db, 1).get(0);
      db.tenants().update(suspended.withActive(false));
      Id unknown = db.newId();

      assertThatThrownBy(() -> db.tenantDataSources().dataSourceFor(suspended.id()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining(suspended.id().toString());
      assertThatThrownBy(() -> db.tenantDataSources().dataSourceFor(unknown))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining(unknown.toString());
      assertThatThrownBy(
              () ->
                  TenantContext.call(
                      unknown, () -> selectOne(db.tenantDataSources().routingDataSource())))
          .isInstanceOf(NotFoundException.class);
      assertThat(db.tenantDataSources().stats().poolsCreated()).isZero();
    }
  }

  @Test
  void a_suspension_followed_by_evict_refuses_the_next_route_at_once() throws Exception {
    try (HostDatabase db = open()) {
      Tenant acme = tenants(db, 1).get(0);
      DataSource current = db.tenantDataSources().routingDataSource();
      assertThat(TenantContext.call(acme.id(), () -> selectOne(current))).isEqualTo(1);

      db.tenants().update(acme.withActive(false));
      db.tenantDataSources().evict(acme.id());

      assertThatThrownBy(() -> TenantContext.call(acme.id(), () -> selectOne(current)))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("suspended");
    }
  }

  @Test
  void closing_the_host_database_closes_its_tenant_pools() throws Exception {
    HostDatabase db = open();
    Tenant acme = tenants(db, 1).get(0);
    TenantDataSources routing = db.tenantDataSources();
    assertThat(selectOne(routing.dataSourceFor(acme.id()))).isEqualTo(1);

    db.close();

    assertThat(routing.isClosed()).isTrue();
    assertThat(routing.stats().openPools()).isZero();
  }

  private static Level quiet(String logger) {
    ch.qos.logback.classic.Logger target = logger(logger);
    Level previous = target.getLevel();
    target.setLevel(Level.WARN);
    return previous;
  }

  private static void restore(String logger, Level level) {
    logger(logger).setLevel(level);
  }

  private static ch.qos.logback.classic.Logger logger(String name) {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(name);
  }
}
