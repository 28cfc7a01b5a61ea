package dev.hostdb.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostdb.domain.ClaimedJob;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.User;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import dev.hostdb.jdbc.testing.PostgresTestDatabase;
import dev.hostdb.jdbc.testing.ReferenceDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A host database the Python reference made on PostgreSQL opens with every row readable. */
class PostgresReferenceDatabaseTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  @Test
  void opens_a_reference_database_keeping_every_row_and_reading_naive_timestamps_as_utc()
      throws Exception {
    PostgresTestDatabase database = DATABASES.create();
    String userId = ReferenceDatabase.pythonId();
    Map<String, List<Map<String, Object>>> before;
    Map<String, Long> counts;
    try (Connection connection = database.connect()) {
      ReferenceDatabase reference =
          ReferenceDatabase.create(connection, ReferenceDatabase.Flavor.POSTGRESQL);
      reference.populate();
      Map<String, Object> user = new LinkedHashMap<>();
      user.put("id", userId);
      user.put("email", "Naive@Example.com");
      user.put("is_sys_admin", false);
      user.put("created_at", "2026-12-03T12:51:53.123456");
      user.put("last_login", "2026-12-03T13:00:00");
      reference.insert("core_users", user);
      before = reference.snapshot();
      counts = reference.rowCounts();
    }

    try (HostStore store =
        new PostgresHostStoreProvider().open(database.url(), StoreSettings.defaults())) {
      User naive = store.users().findById(Id.of(userId)).orElseThrow();
      assertThat(naive.createdAt()).isEqualTo(Instant.parse("2026-12-03T12:51:53.123456Z"));
      assertThat(naive.lastLogin()).isEqualTo(Instant.parse("2026-12-03T13:00:00Z"));
      assertThat(store.users().findByEmail(Email.of("naive@example.com"))).isPresent();
      assertThat(store.users().findByEmail(Email.of("owner@example.com"))).isPresent();
      assertThat(store.rowCounts()).containsAllEntriesOf(counts);

      assertThat(store.tenants().list()).hasSize(2);
      for (var tenant : store.tenants().list()) {
        assertThat(store.memberships().listByTenant(tenant.id())).isNotEmpty();
        assertThat(store.subscriptions().listByTenant(tenant.id())).hasSize(1);
      }
      assertThat(store.pricingPlans().listActive()).hasSize(2);
      assertThat(store.auditLog().recent(10)).hasSize(1);
      assertThat(store.jobs().list(JobStatus.PENDING, 10)).hasSize(1);
      assertThat(store.jobs().list(JobStatus.COMPLETED, 10)).hasSize(1);
    }

    try (Connection connection = database.connect()) {
      ReferenceDatabase reference =
          ReferenceDatabase.attach(connection, ReferenceDatabase.Flavor.POSTGRESQL);
      assertThat(reference.snapshot()).isEqualTo(before);
    }
  }

  @Test
  void a_job_the_python_code_inserts_after_the_upgrade_has_no_run_after_and_is_due_at_once()
      throws Exception {
    PostgresTestDatabase database = DATABASES.create();
    try (HostStore store =
            new PostgresHostStoreProvider().open(database.url(), StoreSettings.defaults());
        Connection connection = database.connect()) {
      String jobId = ReferenceDatabase.pythonId();
      Map<String, Object> job = new LinkedHashMap<>();
      job.put("id", jobId);
      job.put("job_type", "tenant.provision");
      job.put("status", "pending");
      job.put("created_at", "2026-12-03T12:51:53.123456");
      ReferenceDatabase.attach(connection, ReferenceDatabase.Flavor.POSTGRESQL)
          .insert("sys_jobs", job);

      SystemJob read = store.jobs().find(Id.of(jobId)).orElseThrow();
      List<ClaimedJob> claimed =
          store
              .jobs()
              .claim(
                  "w1",
                  List.of(),
                  10,
                  Instant.parse("2026-12-03T12:51:53.123456Z"),
                  Duration.ofSeconds(30));

      assertThat(read.runAfter()).isEqualTo(read.createdAt());
      assertThat(read.maxAttempts()).isEqualTo(SystemJob.DEFAULT_MAX_ATTEMPTS);
      assertThat(claimed).extracting(c -> c.job().id()).containsExactly(Id.of(jobId));
    }
  }
}
