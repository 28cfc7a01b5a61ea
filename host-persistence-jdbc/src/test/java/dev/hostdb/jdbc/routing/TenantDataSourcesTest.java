package dev.hostdb.jdbc.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.error.StorageUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantDataSourcesTest {
  @TempDir Path dir;

  private final InMemoryTenants catalog = new InMemoryTenants();
  private TenantDataSources routing;

  @AfterEach
  void closeRouting() {
    if (routing != null) {
      routing.close();
    }
  }

  private TenantDataSources routing(TenantPoolSettings settings) {
    routing = TenantDataSources.create(catalog, settings);
    return routing;
  }

  private Tenant sqliteTenant(String name) {
    return catalog.add(name, DatabaseUrl.sqliteFile(dir.resolve(name + ".db").toString()));
  }

  private static String query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static String query(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return query(connection, sql);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s for the pools to settle").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void routes_an_active_tenant_to_its_own_sqlite_file_with_the_connection_rules() throws Exception {
    Tenant acme = sqliteTenant("acme");
    Tenant globex = sqliteTenant("globex");
    TenantDataSources routing = routing(TenantPoolSettings.defaults());

    try (Connection connection = routing.dataSourceFor(acme.id()).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)");
      assertThat(query(connection, "PRAGMA foreign_keys")).isEqualTo("1");
      assertThat(query(connection, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(query(connection, "PRAGMA busy_timeout")).isEqualTo("10000");
    }

    assertThat(query(routing.dataSourceFor(acme.id()), "SELECT count(*) FROM orders"))
        .isEqualTo("0");
    assertThat(
            query(
                routing.dataSourceFor(globex.id()),
                "SELECT count(*) FROM sqlite_master WHERE name = 'orders'"))
        .isEqualTo("0");
    assertThat(routing.dataSourceFor(acme.id())).isSameAs(routing.dataSourceFor(acme.id()));
    assertThat(routing.stats().openPools()).isEqualTo(2);
  }

  @Test
  void refuses_unknown_and_suspended_tenants_without_a_fallback() {
    Tenant acme = sqliteTenant("acme");
    catalog.update(acme.withActive(false));
    Id unknown = Id.random();
    TenantDataSources routing = routing(TenantPoolSettings.defaults());

    assertThatThrownBy(() -> routing.dataSourceFor(acme.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(acme.id().toString())
        .hasMessageContaining("suspended");
    assertThatThrownBy(() -> routing.dataSourceFor(unknown))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(unknown.toString());
    assertThat(routing.stats().poolsCreated()).isZero();
  }

  @Test
  void an_evicted_pool_serves_its_borrowed_connection_until_closed_then_closes() throws Exception {
    Tenant acme = sqliteTenant("acme");
    Tenant globex = sqliteTenant("globex");
    TenantDataSources routing = routing(TenantPoolSettings.defaults().withMaxPools(1));
    DataSource acmeData = routing.dataSourceFor(acme.id());
    TenantPool acmePool = ((TenantDataSource) acmeData).pool();
    Connection borrowed = acmeData.getConnection();

    routing.dataSourceFor(globex.id()); // evicts acme, the least recently used

    assertThat(routing.stats().openPools()).isEqualTo(1);
    assertThat(routing.stats().retiredPools()).isEqualTo(1);
    assertThat(query(borrowed, "SELECT 1")).isEqualTo("1");
    assertThat(acmePool.hikari().isClosed()).isFalse();
    assertThatThrownBy(acmeData::getConnection)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(acme.id().toString())
        .hasMessageContaining("route the tenant again");

    borrowed.close();
    await(() -> routing.stats().retiredPools() == 0);

    assertThat(acmePool.hikari().isClosed()).isTrue();
    assertThat(routing.stats().poolsClosed()).isEqualTo(1);
    assertThat(query(routing.dataSourceFor(acme.id()), "SELECT 2")).isEqualTo("2");
    assertThat(routing.dataSourceFor(acme.id())).isNotSameAs(acmeData);
  }

  @Test
  void closing_a_borrowed_connection_twice_releases_it_once() throws Exception {
    Tenant acme = sqliteTenant("acme");
    TenantDataSources routing = routing(TenantPoolSettings.defaults());
    DataSource acmeData = routing.dataSourceFor(acme.id());
    TenantPool pool = ((TenantDataSource) acmeData).pool();
    Connection first = acmeData.getConnection();
    Connection second = acmeData.getConnection();

    first.close();
    first.close();

    assertThat(pool.borrowed()).isEqualTo(1);
    assertThat(first.isClosed()).isTrue();
    second.close();
    assertThat(pool.borrowed()).isZero();
  }

  @Test
  void concurrent_first_routes_of_one_tenant_create_exactly_one_pool() throws Exception {
    Tenant acme = sqliteTenant("acme");
    TenantDataSources routing = routing(TenantPoolSettings.defaults());
    int threads = 32;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    Set<DataSource> seen = ConcurrentHashMap.newKeySet();
    List<Future<String>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        results.add(
            executor.submit(
                () -> {
                  start.await();
                  DataSource dataSource = routing.dataSourceFor(acme.id());
                  seen.add(dataSource);
                  return query(dataSource, "SELECT 1");
                }));
      }
      start.countDown();
      for (Future<String> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("1");
      }
    } finally {
      executor.shutdownNow();
    }

    assertThat(seen).hasSize(1);
    assertThat(routing.stats().poolsCreated()).isEqualTo(1);
  }

  @Test
  void a_pool_unused_for_the_idle_timeout_closes() throws Exception {
    Tenant acme = sqliteTenant("acme");
    TenantDataSources routing =
        routing(TenantPoolSettings.defaults().withIdleTimeout(Duration.ofMillis(100)));
    DataSource acmeData = routing.dataSourceFor(acme.id());
    TenantPool pool = ((TenantDataSource) acmeData).pool();
    assertThat(query(acmeData, "SELECT 1")).isEqualTo("1");

    await(() -> routing.stats().poolsClosed() == 1);

    assertThat(pool.hikari().isClosed()).isTrue();
    assertThat(routing.stats()).isEqualTo(new TenantDataSources.Stats(0, 0, 1, 1));
  }

  @Test
  void a_pool_with_a_borrowed_connection_is_not_idle() throws Exception {
    Tenant acme = sqliteTenant("acme");
    TenantDataSources routing =
        routing(TenantPoolSettings.defaults().withIdleTimeout(Duration.ofMillis(50)));

    try (Connection borrowed = routing.dataSourceFor(acme.id()).getConnection()) {
      Thread.sleep(300);

      assertThat(routing.stats().openPools()).isEqualTo(1);
      assertThat(query(borrowed, "SELECT 1")).isEqualTo("1");
    }
  }

  @Test
  void a_cached_check_spares_the_catalog_and_eviction_makes_a_suspension_count_at_once()
      throws Exception {
    Tenant acme = sqliteTenant("acme");
    TenantDataSources routing =
        routing(TenantPoolSettings.defaults().withCatalogTtl(Duration.ofHours(1)));
    routing.dataSourceFor(acme.id());
    long lookups = catalog.lookups();

    catalog.update(acme.withActive(false));
    routing.dataSourceFor(acme.id()); // still trusted: the documented staleness

    assertThat(catalog.lookups()).isEqualTo(lookups);
    assertThat(routing.evict(acme.id())).isTrue();
    assertThatThrownBy(() -> routing.dataSourceFor(acme.id()))
        .isInstanceOf(ConflictException.class);
    assertThat(routing.stats().openPools()).isZero();
  }

  @Test
  void a_tenant_whose_database_moved_gets_a_pool_on_the_new_database() throws Exception {
    Tenant acme = sqliteTenant("acme");
    TenantDataSources routing =
        routing(TenantPoolSettings.defaults().withCatalogTtl(Duration.ZERO));
    try (Connection connection = routing.dataSourceFor(acme.id()).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE old_home (id INTEGER)");
    }

    catalog.update(
        new Tenant(
            acme.id(),
            acme.name(),
            DatabaseUrl.sqliteFile(dir.resolve("acme-moved.db").toString()),
            true,
            acme.planTier(),
            acme.createdAt()));

    assertThat(
            query(
                routing.dataSourceFor(acme.id()),
                "SELECT count(*) FROM sqlite_master WHERE name = 'old_home'"))
        .isEqualTo("0");
    assertThat(routing.stats().poolsCreated()).isEqualTo(2);
  }

  @Test
  void the_routing_data_source_follows_the_current_tenant_and_refuses_without_one()
      throws Exception {
    Tenant acme = sqliteTenant("acme");
    Tenant globex = sqliteTenant("globex");
    TenantDataSources routing = routing(TenantPoolSettings.defaults());
    DataSource current = routing.routingDataSource();
    String acmeFile = dir.resolve("acme.db").toString();
    String globexFile = dir.resolve("globex.db").toString();

    String outer =
        TenantContext.call(
            acme.id(),
            () -> {
              String inner = TenantContext.call(globex.id(), () -> file(current));
              assertThat(inner).isEqualTo(globexFile);
              return file(current);
            });

    assertThat(outer).isEqualTo(acmeFile);
    assertThat(TenantContext.current()).isEmpty();
    assertThatThrownBy(current::getConnection)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no current tenant");
  }

  @Test
  void the_context_is_restored_when_the_work_throws() {
    Id acme = Id.random();

    assertThatThrownBy(
            () ->
                TenantContext.run(
                    acme,
                    () -> {
                      throw new ConflictException("failed inside");
                    }))
        .hasMessage("failed inside");
    assertThat(TenantContext.current()).isEmpty();
  }

  @Test
  void the_routing_data_source_refuses_a_suspended_current_tenant() {
    Tenant acme = sqliteTenant("acme");
    catalog.update(acme.withActive(false));
    DataSource current = routing(TenantPoolSettings.defaults()).routingDataSource();

    assertThatThrownBy(() -> TenantContext.call(acme.id(), () -> file(current)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void closing_closes_every_pool_and_refuses_later_routes() throws Exception {
    Tenant acme = sqliteTenant("acme");
    TenantDataSources routing = routing(TenantPoolSettings.defaults());
    TenantPool pool = ((TenantDataSource) routing.dataSourceFor(acme.id())).pool();
    assertThat(query(pool.dataSource(), "SELECT 1")).isEqualTo("1");

    routing.close();

    assertThat(pool.hikari().isClosed()).isTrue();
    assertThat(routing.stats().openPools()).isZero();
    assertThatThrownBy(() -> routing.dataSourceFor(acme.id()))
        .isInstanceOf(StorageUnavailableException.class);
  }

  private static String file(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
      rows.next();
      return rows.getString("file");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
