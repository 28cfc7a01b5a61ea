package dev.hostdb.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.HostStoreProvider;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.jdbc.schema.SchemaMigrator;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import dev.hostdb.jdbc.testing.PostgresTestDatabase;
import dev.hostdb.jdbc.testing.ReferenceDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PostgresHostStoreProviderTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  private final PostgresHostStoreProvider provider = new PostgresHostStoreProvider();

  @Test
  void is_found_by_the_service_loader_for_postgresql_urls() {
    List<String> kinds = new ArrayList<>();
    for (HostStoreProvider found : ServiceLoader.load(HostStoreProvider.class)) {
      kinds.add(found.kind());
    }

    assertThat(kinds).contains("postgresql");
  }

  @Test
  void refuses_a_sqlite_url() {
    assertThatThrownBy(
            () -> provider.open(DatabaseUrl.parse("sqlite:///host.db"), StoreSettings.defaults()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a PostgreSQL URL");
  }

  @Test
  @Timeout(120)
  void four_threads_opening_one_empty_database_apply_the_schema_once() throws Exception {
    PostgresTestDatabase database = DATABASES.create();
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<HostStore>> opened = new ArrayList<>();
    Callable<HostStore> open =
        () -> {
          start.await();
          return provider.open(database.url(), StoreSettings.defaults());
        };
    for (int i = 0; i < threads; i++) {
      opened.add(pool.submit(open));
    }

    start.countDown();
    List<HostStore> stores = new ArrayList<>();
    try {
      for (Future<HostStore> store : opened) {
        stores.add(store.get(90, TimeUnit.SECONDS));
      }

      assertThat(stores).hasSize(threads);
      assertThat(stores).extracting(HostStore::schemaVersion).containsOnly(latestVersion());
      try (Connection connection = database.connect()) {
        ReferenceDatabase history = ReferenceDatabase.attach(connection, null);
        assertThat(
                history.query("SELECT id FROM databasechangelog GROUP BY id HAVING COUNT(*) > 1"))
            .isEmpty();
        assertThat(history.query("SELECT locked FROM databasechangeloglock"))
            .extracting(row -> row.get("locked"))
            .containsOnly(false);
      }
    } finally {
      pool.shutdownNow();
      stores.forEach(HostStore::close);
    }
  }

  @Test
  @Timeout(60) // Liquibase alone would wait five minutes for the lock, then fail
  void a_stale_liquibase_lock_left_by_a_killed_process_does_not_block_the_next_open()
      throws Exception {
    PostgresTestDatabase database = DATABASES.create();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          """
          CREATE TABLE databasechangeloglock (id INTEGER NOT NULL PRIMARY KEY,
            locked BOOLEAN NOT NULL, lockgranted TIMESTAMP, lockedby VARCHAR(255))
          """);
      statement.execute(
          "INSERT INTO databasechangeloglock VALUES (1, TRUE, now(), 'crashed-host (10.0.0.9)')");
    }

    try (HostStore store = provider.open(database.url(), StoreSettings.defaults())) {
      assertThat(store.schemaVersion()).isEqualTo(latestVersion());
    }
  }

  @Test
  @Timeout(120)
  void the_first_call_after_a_server_restart_succeeds(@TempDir Path folder) throws Exception {
    Path data = Files.createDirectories(folder.resolve("data"));
    EmbeddedPostgres server = embedded(data, 0);
    int port = server.getPort();
    HostStore store = null;
    try {
      store =
          provider.open(
              DatabaseUrl.parse("postgresql://postgres@localhost:" + port + "/postgres"),
              new StoreSettings(4, Duration.ofSeconds(10)));
      newUser(store, "before@example.com");

      server.close();
      server = embedded(data, port);

      assertThat(newUser(store, "after@example.com").email().value())
          .isEqualTo("after@example.com");
      assertThat(store.users().count()).isEqualTo(2);
    } finally {
      if (store != null) {
        store.close();
      }
      server.close();
    }
  }

  @Test
  void keeps_credentials_out_of_its_description() {
    assertThat(provider).hasToString("PostgresHostStoreProvider[postgresql]");
  }

  private static EmbeddedPostgres embedded(Path data, int port) throws Exception {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false);
    if (port > 0) {
      builder.setPort(port);
    }
    return builder.start();
  }

  private static User newUser(HostStore store, String email) {
    return store.users().create(User.create(Id.random(), Email.of(email), Instant.now()));
  }

  private static String latestVersion() throws SQLException {
    try (PostgresTestDatabase scratch = DATABASES.create();
        Connection connection = scratch.connect()) {
      return SchemaMigrator.migrate(connection).toVersion();
    }
  }
}
