package dev.hostdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.HostDatabase.Options;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.StorageUnavailableException;
import dev.hostdb.domain.port.BulkImport;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.HostStoreProvider;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.fake.FakeHostStoreProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDatabaseTest {
  private static final Options FAKE = Options.defaults().withAdapter(FakeHostStoreProvider.KIND);

  @TempDir Path dir;

  @AfterEach
  void forgetTheProcessWideInstance() {
    HostDatabase.resetInstance();
  }

  private HostConfig config(String name) {
    return HostConfig.of("sqlite:///" + dir.resolve(name));
  }

  @Test
  void two_open_calls_with_one_configuration_return_the_same_instance() {
    HostDatabase first = HostDatabase.open(config("host.db"), FAKE);
    HostDatabase second = HostDatabase.open(config("host.db"), FAKE);

    assertThat(second).isSameAs(first);
    assertThat(FakeHostStoreProvider.opens(config("host.db").url())).isEqualTo(1);
  }

  @Test
  void concurrent_first_opens_create_exactly_one_instance() throws Exception {
    HostConfig config = config("race.db");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<HostDatabase>> opened = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      opened.add(
          pool.submit(
              () -> {
                start.await();
                return HostDatabase.open(config, FAKE);
              }));
    }

    start.countDown();
    Set<HostDatabase> instances = ConcurrentHashMap.newKeySet();
    for (Future<HostDatabase> future : opened) {
      instances.add(future.get(10, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(instances).hasSize(1);
    assertThat(FakeHostStoreProvider.opens(config.url())).isEqualTo(1);
  }

  @Test
  void opening_another_database_while_one_is_open_is_a_conflict_naming_both_masked_urls() {
    HostDatabase.open(HostConfig.of("postgresql://app:first-secret@one/host"), FAKE);

    assertThatThrownBy(
            () -> HostDatabase.open(HostConfig.of("postgresql://app:other-secret@two/host"), FAKE))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("postgresql://app:***@one/host")
        .hasMessageContaining("postgresql://app:***@two/host")
        .hasMessageNotContaining("secret");
  }

  @Test
  void other_store_settings_are_another_configuration() {
    HostDatabase.open(config("host.db"), FAKE);
    HostConfig smaller =
        config("host.db").withSettings(new StoreSettings(1, Duration.ofSeconds(1)));

    assertThatThrownBy(() -> HostDatabase.open(smaller, FAKE))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void create_leaves_the_process_wide_instance_alone() {
    HostDatabase shared = HostDatabase.open(config("host.db"), FAKE);

    try (HostDatabase standalone = HostDatabase.create(config("other.db"), FAKE)) {
      assertThat(standalone).isNotSameAs(shared);
      assertThat(HostDatabase.open(config("host.db"), FAKE)).isSameAs(shared);
    }
    assertThat(shared.isClosed()).isFalse();
  }

  @Test
  void reset_instance_closes_it_and_the_next_open_makes_a_new_one() {
    HostDatabase first = HostDatabase.open(config("host.db"), FAKE);

    HostDatabase.resetInstance();

    assertThat(first.isClosed()).isTrue();
    assertThat(FakeHostStoreProvider.openStores(config("host.db").url())).isZero();
    assertThat(HostDatabase.open(config("host.db"), FAKE)).isNotSameAs(first);
  }

  @Test
  void a_closed_instance_refuses_work_and_says_it_is_closed() {
    HostDatabase db = HostDatabase.create(config("host.db"), FAKE);

    db.close();
    db.close();

    assertThatThrownBy(db::users)
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> db.inTransaction(() -> 1))
        .isInstanceOf(StorageUnavailableException.class);
  }

  @Test
  void uri_masks_the_password_unless_asked_to_reveal_it() {
    try (HostDatabase db =
        HostDatabase.create(HostConfig.of("postgresql://app:s3cret@db:5432/host"), FAKE)) {
      assertThat(db.uri()).isEqualTo("postgresql://app:***@db:5432/host");
      assertThat(db.uri(true)).isEqualTo("postgresql://app:s3cret@db:5432/host");
      assertThat(db.toString()).doesNotContain("s3cret");
    }
  }

  @Test
  void clock_and_ids_can_be_injected() {
    Instant fixed = Instant.parse("2026-12-03T12:51:53.123456789Z");
    Id id = Id.of("0123456789abcdef0123456789abcdef");
    Options options = FAKE.withClock(Clock.fixed(fixed, ZoneOffset.UTC)).withIds(() -> id);

    try (HostDatabase db = HostDatabase.create(config("host.db"), options)) {
      assertThat(db.now()).isEqualTo(Instant.parse("2026-12-03T12:51:53.123456Z"));
      assertThat(db.newId()).isEqualTo(id);
      assertThat(db.clock().getZone()).isEqualTo(ZoneOffset.UTC);
    }
  }

  @Test
  void default_clock_is_utc() {
    assertThat(Options.defaults().clock().getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void exposes_schema_version_and_row_counts_of_every_table() {
    try (HostDatabase db = HostDatabase.create(config("host.db"), FAKE)) {
      assertThat(db.schemaVersion()).isNotBlank().isNotEqualTo("none");
      assertThat(db.rowCounts()).containsOnlyKeys(HostStore.TABLES);
    }
  }

  @Test
  void bulk_writes_reach_the_adapters_store() {
    try (HostDatabase db = HostDatabase.create(config("host.db"), FAKE)) {
      User user = User.create(db.newId(), Email.of("ann@example.com"), db.now());

      BulkImport.Counts written = db.bulk().insertAll(List.of(user), List.of(), List.of());

      assertThat(written.total()).isEqualTo(1);
      assertThat(db.users().findByEmail(user.email())).contains(user);
    }
  }

  @Test
  void a_missing_adapter_names_the_artifact_to_add() {
    assertThatThrownBy(() -> Adapters.find("sqlite", List.of()))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("dev.hostdb:host-persistence-sqlite");
    assertThatThrownBy(() -> Adapters.find("postgresql", List.of(new FakeHostStoreProvider())))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("dev.hostdb:host-persistence-jdbc");
  }

  @Test
  void an_adapter_kind_that_nothing_provides_fails_on_open() {
    Options missing = Options.defaults().withAdapter("cassandra");

    assertThatThrownBy(() -> HostDatabase.create(config("host.db"), missing))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("no adapter for cassandra");
  }

  @Test
  void two_adapters_of_one_kind_are_refused_by_name() {
    HostStoreProvider one = new FakeHostStoreProvider();
    HostStoreProvider two = new FakeHostStoreProvider();

    assertThatThrownBy(() -> Adapters.find("fake", List.of(one, two)))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("several adapters");
  }

  @Test
  void the_adapter_is_found_through_the_service_loader() {
    assertThat(Adapters.find(FakeHostStoreProvider.KIND)).isInstanceOf(FakeHostStoreProvider.class);
  }

  @Test
  void the_url_given_to_the_adapter_is_the_configured_one() {
    DatabaseUrl url = config("host.db").url();

    try (HostDatabase db = HostDatabase.create(config("host.db"), FAKE)) {
      assertThat(db.config().url()).isEqualTo(url);
      assertThat(FakeHostStoreProvider.openStores(url)).isEqualTo(1);
    }
  }
}
