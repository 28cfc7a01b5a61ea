package dev.hostdb.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.ClaimedJob;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.Timestamps;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.DuplicateEmailException;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.jdbc.testing.ReferenceDatabase;
import dev.hostdb.jdbc.testing.SqliteDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host database that the Python reference made opens in HostDB with every row readable. */
class PythonMadeDatabaseTest {
  @TempDir Path dir;

  @Test
  void opens_with_rows_intact_readable_and_newly_constrained() throws Exception {
    Map<String, Long> before;
    Map<String, Object> owner;
    try (Connection connection = SqliteDatabases.open(dir.resolve("host.db"))) {
      ReferenceDatabase python =
          ReferenceDatabase.create(connection, ReferenceDatabase.Flavor.SQLITE);
      python.populate();
      before = python.rowCounts();
      owner = python.query("SELECT * FROM core_users WHERE email = 'Owner@Example.com'").get(0);
    }

    try (HostStore store = SqliteContractTest.open(dir)) {
      assertThat(store.rowCounts()).isEqualTo(before);

      User read = store.users().findByEmail(Email.of("owner@example.com")).orElseThrow();
      assertThat(read.id()).isEqualTo(Id.of((String) owner.get("id")));
      Instant written = Timestamps.parse("created_at", (String) owner.get("created_at"));
      assertThat(read.createdAt()).isEqualTo(written);
      assertThat(owner.get("created_at").toString()).doesNotContain("Z").doesNotContain("+");
      assertThat(store.memberships().listByUser(read.id()))
          .extracting(m -> m.role())
          .containsExactlyInAnyOrder(Role.OWNER, Role.ADMIN);
      assertThat(store.tenants().list()).hasSize(2);
      assertThat(store.pricingPlans().listActive()).hasSize(2);
      assertThat(store.auditLog().recent(10)).hasSize(1);

      assertThatThrownBy(
              () ->
                  store
                      .users()
                      .create(User.create(Id.random(), Email.of("OWNER@example.com"), written)))
          .isInstanceOf(DuplicateEmailException.class);
      assertThat(store.users().count()).isEqualTo(before.get("core_users"));
    }
  }

  @Test
  void a_job_the_python_code_inserts_after_the_upgrade_has_no_run_after_and_is_due_at_once()
      throws Exception {
    try (HostStore store = SqliteContractTest.open(dir);
        Connection connection = SqliteDatabases.open(dir.resolve("host.db"))) {
      String jobId = ReferenceDatabase.pythonId();
      Map<String, Object> job = new LinkedHashMap<>();
      job.put("id", jobId);
      job.put("job_type", "tenant.provision");
      job.put("status", "pending");
      job.put("created_at", "2026-12-03T12:51:53.123456");
      ReferenceDatabase.attach(connection, ReferenceDatabase.Flavor.SQLITE).insert("sys_jobs", job);

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

  @Test
  void python_timestamps_without_a_zone_read_as_utc() {
    assertThat(Timestamps.parse("created_at", "2026-12-03T12:51:53.123456"))
        .isEqualTo(Instant.parse("2026-12-03T12:51:53.123456Z"));
    assertThat(List.of(Timestamps.format(Instant.parse("2026-12-03T12:51:53.123456Z"))))
        .containsExactly("2026-12-03T12:51:53.123456");
  }
}
