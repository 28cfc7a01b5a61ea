package dev.hostdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostdb.HostConfig;
import dev.hostdb.HostDatabase;
import dev.hostdb.HostDatabase.Options;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.AuditQuery;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobLease;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.fake.FakeHostStoreProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HostDbCommandTest {
  private static final Options FAKE = Options.defaults().withAdapter(FakeHostStoreProvider.KIND);

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Supplier<HostDatabase> database, String... args) {
    CommandLine commandLine = HostDbCommand.commandLine(new HostDbCommand(database));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private Supplier<HostDatabase> fake(String name) {
    HostConfig config = HostConfig.of("sqlite:///" + dir.resolve(name));
    return () -> HostDatabase.create(config, FAKE);
  }

  @Test
  void status_json_is_one_line_with_url_schema_and_every_table_in_order() {
    int exit = run(fake("host.db"), "status", "--json");

    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString())
        .matches(
            java.util.regex.Pattern.quote("{\"url\":\"sqlite:///" + dir.resolve("host.db"))
                + "\",\"schemaVersion\":\"[a-z_-]+\",\"tables\":\\{\"core_users\":0,"
                + "\"core_tenants\":0,\"core_memberships\":0,\"core_subscriptions\":0,"
                + "\"core_pricing_plans\":0,\"sys_audit_logs\":0,\"sys_jobs\":0}}"
                + System.lineSeparator());
  }

  @Test
  void status_for_people_lists_every_table() {
    int exit = run(fake("host.db"), "status");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("schema", "core_users", "sys_jobs").doesNotContain("{");
  }

  @Test
  void status_json_masks_the_password() {
    HostConfig config = HostConfig.of("postgresql://app:s3cret@db/host");

    run(() -> HostDatabase.create(config, FAKE), "status", "--json");

    assertThat(out.toString()).contains("postgresql://app:***@db/host").doesNotContain("s3cret");
  }

  @Test
  void quickstart_creates_the_records_once_and_reuses_them_on_a_second_run() {
    assertThat(run(fake("host.db"), "quickstart")).isZero();
    String first = out.toString();
    out.getBuffer().setLength(0);
    assertThat(run(fake("host.db"), "quickstart")).isZero();
    String second = out.toString();
    out.getBuffer().setLength(0);
    run(fake("host.db"), "status", "--json");

    assertThat(first)
        .contains("user, tenant, membership, subscription")
        .contains("founder@example.com may enter Example Co as owner")
        .contains("Example Co is entitled")
        .contains("subscription.created", "membership.created", "tenant.created", "user.created");
    assertThat(first.indexOf("subscription.created")).isLessThan(first.indexOf("user.created"));
    assertThat(second).contains("nothing; reused the existing records");
    assertThat(out.toString())
        .contains("\"core_users\":1,\"core_tenants\":1,\"core_memberships\":1")
        .contains("\"core_subscriptions\":1,\"core_pricing_plans\":1,\"sys_audit_logs\":4");
  }

  @Test
  void a_failure_prints_one_line_and_exits_with_the_code_of_its_kind() {
    Supplier<HostDatabase> conflicting =
        () -> {
          throw new ConflictException("open host database: already open\nelsewhere");
        };

    int exit = run(conflicting, "status");

    assertThat(exit).isEqualTo(3);
    assertThat(err.toString())
        .isEqualTo("hostdb: open host database: already open elsewhere" + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void a_missing_adapter_exits_with_storage_unavailable() {
    HostConfig config = HostConfig.of("sqlite:///" + dir.resolve("host.db"));

    int exit =
        run(() -> HostDatabase.create(config, FAKE.withAdapter("cassandra")), "status", "--json");

    assertThat(exit).isEqualTo(5);
    assertThat(err.toString()).startsWith("hostdb: no adapter for cassandra").hasLineCount(1);
  }

  @Test
  void invalid_configuration_exits_with_invalid_input() {
    int exit = run(() -> HostDatabase.create("mysql://db/host"), "status");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("hostdb: database url:").hasLineCount(1);
  }

  @Test
  void an_unknown_option_is_a_usage_error_on_one_line() {
    int exit = run(fake("host.db"), "status", "--yaml");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("hostdb: Unknown option: '--yaml'").hasLineCount(1);
  }

  @Test
  void an_unexpected_error_exits_with_one_and_no_stack_trace() {
    Supplier<HostDatabase> broken =
        () -> {
          throw new IllegalStateException("boom");
        };

    int exit = run(broken, "status");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "hostdb: unexpected error: java.lang.IllegalStateException: boom"
                + System.lineSeparator());
  }

  @Test
  void verbose_is_accepted_before_and_after_the_subcommand() {
    assertThat(run(fake("host.db"), "--verbose", "status")).isZero();
    assertThat(run(fake("host.db"), "status", "--verbose")).isZero();
  }

  @Test
  void help_documents_the_exit_codes() {
    int exit = run(fake("host.db"), "--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Exit codes:", "2  invalid input", "3  conflict", "4  record not found")
        .contains("5  storage unavailable", "quickstart", "status");
  }

  @Test
  void version_names_the_build() {
    int exit = run(fake("host.db"), "--version");

    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("hostdb ").doesNotContain("${");
  }

  @Test
  void exit_codes_follow_the_kind_of_error() {
    assertThat(HostDbCommand.exitCode(new NotFoundException("show", "tenant", "x"))).isEqualTo(4);
    assertThat(HostDbCommand.exitCode(new RuntimeException("x"))).isEqualTo(1);
  }

  @Test
  void audit_verify_reports_an_intact_chain_then_names_a_changed_entry_with_exit_code_6()
      throws Exception {
    Path file = dir.resolve("host.db");
    Supplier<HostDatabase> database = fake("host.db");
    Id changed;
    try (HostDatabase db = database.get()) {
      for (int i = 0; i < 5; i++) {
        db.auditLog()
            .append(
                new AuditEntry(db.newId(), Id.SYSTEM, "test.event", "t" + i, null, null, db.now()));
      }
      changed =
          db.auditLog().query(AuditQuery.newestFirst(5).withTarget("t2")).entries().get(0).id();
    }
    assertThat(run(database, "audit", "verify")).isZero();
    assertThat(out.toString()).contains("OK: 5 entries");

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TRIGGER tr_sys_audit_logs_no_update");
      statement.executeUpdate(
          "UPDATE sys_audit_logs SET details = 'forged' WHERE id = '" + changed.value() + "'");
    }
    out.getBuffer().setLength(0);
    assertThat(run(database, "audit", "verify", "--json"))
        .isEqualTo(HostDbCommand.EXIT_AUDIT_BROKEN);
    assertThat(out.toString())
        .startsWith("{\"ok\":false,\"checked\":")
        .contains("\"kind\":\"CHANGED\",\"entryId\":\"" + changed.value() + "\"");
  }

  @Test
  void audit_head_prints_an_anchor_that_verify_checks_the_chain_against() throws Exception {
    Path file = dir.resolve("host.db");
    Supplier<HostDatabase> database = fake("host.db");
    assertThat(run(database, "audit", "head")).isZero();
    assertThat(out.toString()).isEmpty();
    try (HostDatabase db = database.get()) {
      for (int i = 0; i < 5; i++) {
        db.auditLog()
            .append(
                new AuditEntry(db.newId(), Id.SYSTEM, "test.event", "t" + i, null, null, db.now()));
      }
    }
    assertThat(run(database, "audit", "head")).isZero();
    String anchor = out.toString().strip();
    assertThat(anchor).matches("5:[0-9a-f]{64}");

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TRIGGER tr_sys_audit_logs_no_delete");
      statement.executeUpdate("DELETE FROM sys_audit_logs WHERE seq = 5");
    }
    out.getBuffer().setLength(0);
    assertThat(run(database, "audit", "verify")).isZero();
    assertThat(out.toString()).contains("OK: 4 entries");
    out.getBuffer().setLength(0);
    assertThat(run(database, "audit", "verify", "--anchor", anchor))
        .isEqualTo(HostDbCommand.EXIT_AUDIT_BROKEN);
    assertThat(out.toString()).contains("REMOVED", "anchored entry 5");
    assertThat(run(database, "audit", "verify", "--anchor", "5:nothex"))
        .isEqualTo(HostDbCommand.EXIT_INVALID_INPUT);
    assertThat(err.toString()).contains("anchor");
  }

  @Test
  void audit_list_pages_newest_first_with_a_cursor() {
    Supplier<HostDatabase> database = fake("host.db");
    try (HostDatabase db = database.get()) {
      for (int i = 0; i < 3; i++) {
        db.auditLog()
            .append(
                new AuditEntry(
                    db.newId(), Id.SYSTEM, "test.event", "target-" + i, null, null, db.now()));
      }
    }
    assertThat(run(database, "audit", "list", "--type", "test.event", "--limit", "2")).isZero();
    String first = out.toString();
    assertThat(first).contains("target-2", "target-1").doesNotContain("target-0");
    String cursor = first.substring(first.indexOf("--after ") + 8).strip();

    out.getBuffer().setLength(0);
    assertThat(run(database, "audit", "list", "--type", "test.event", "--after", cursor)).isZero();
    assertThat(out.toString()).contains("target-0").doesNotContain("target-1", "more:");

    assertThat(run(database, "audit", "list", "--after", "nonsense"))
        .isEqualTo(HostDbCommand.EXIT_INVALID_INPUT);
    assertThat(err.toString()).contains("cursor");
  }

  @Test
  void jobs_counts_every_status_and_lists_failed_jobs_with_their_errors() {
    Supplier<HostDatabase> database = fake("host.db");
    try (HostDatabase db = database.get()) {
      db.jobs().enqueue(SystemJob.pending(db.newId(), "tenant.provision", null, db.now()));
      SystemJob broken =
          db.jobs()
              .enqueue(
                  SystemJob.pending(db.newId(), "mail.send", null, db.now()).withMaxAttempts(1));
      JobLease lease =
          db.jobs()
              .claim("ops", List.of("mail.send"), 1, db.now(), Duration.ofMinutes(1))
              .get(0)
              .lease();
      db.jobs().fail(lease, "smtp refused \"ann\"\nsecond line", null, db.now());
      assertThat(db.jobs().find(broken.id()).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
    }

    assertThat(run(database, "jobs", "--json")).isZero();
    assertThat(out.toString())
        .startsWith(
            "{\"counts\":{\"pending\":1,\"running\":0,\"completed\":0,\"failed\":1,"
                + "\"cancelled\":0},\"jobs\":[{\"id\":")
        .contains("\"type\":\"mail.send\",\"status\":\"failed\",\"attempts\":1,\"maxAttempts\":1")
        .contains("\"error\":\"smtp refused \\\"ann\\\"\\nsecond line\"}]}");

    out.getBuffer().setLength(0);
    assertThat(run(database, "jobs", "--status", "PENDING")).isZero();
    assertThat(out.toString()).contains("pending jobs, oldest first:", "tenant.provision");

    out.getBuffer().setLength(0);
    assertThat(run(database, "jobs")).isZero();
    assertThat(out.toString()).contains("mail.send", "smtp refused \"ann\" …");
  }

  @Test
  void jobs_retry_cancel_and_prune_change_the_queue_and_refuse_what_does_not_apply() {
    Supplier<HostDatabase> database = fake("host.db");
    SystemJob failed;
    SystemJob waiting;
    SystemJob done;
    try (HostDatabase db = database.get()) {
      failed =
          db.jobs()
              .enqueue(
                  SystemJob.pending(db.newId(), "mail.send", null, db.now()).withMaxAttempts(1));
      JobLease lease =
          db.jobs().claim("ops", List.of(), 1, db.now(), Duration.ofMinutes(1)).get(0).lease();
      db.jobs().fail(lease, "refused", null, db.now());
      done = db.jobs().enqueue(SystemJob.pending(db.newId(), "report", null, db.now()));
      JobLease doneLease =
          db.jobs()
              .claim("ops", List.of("report"), 1, db.now(), Duration.ofMinutes(1))
              .get(0)
              .lease();
      db.jobs().complete(doneLease, db.now().minus(Duration.ofDays(40)));
      waiting = db.jobs().enqueue(SystemJob.pending(db.newId(), "mail.send", null, db.now()));
    }

    assertThat(run(database, "jobs", "retry", failed.id().value())).isZero();
    assertThat(out.toString()).contains("is pending again");
    assertThat(run(database, "jobs", "cancel", waiting.id().value())).isZero();
    assertThat(out.toString()).contains("is cancelled");
    assertThat(run(database, "jobs", "cancel", waiting.id().value()))
        .isEqualTo(HostDbCommand.EXIT_CONFLICT);
    assertThat(err.toString()).contains("is cancelled");
    assertThat(run(database, "jobs", "retry", Id.random().value()))
        .isEqualTo(HostDbCommand.EXIT_NOT_FOUND);
    assertThat(run(database, "jobs", "retry", "not-an-id"))
        .isEqualTo(HostDbCommand.EXIT_INVALID_INPUT);
    out.getBuffer().setLength(0);
    assertThat(run(database, "jobs", "prune")).isZero();
    assertThat(out.toString()).startsWith("deleted 1 jobs finished before ");
    assertThat(run(database, "jobs", "prune", "--older-than-days", "-1"))
        .isEqualTo(HostDbCommand.EXIT_INVALID_INPUT);

    try (HostDatabase db = database.get()) {
      assertThat(db.jobs().find(failed.id()).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
      assertThat(db.jobs().find(waiting.id()).orElseThrow().status())
          .isEqualTo(JobStatus.CANCELLED);
      assertThat(db.jobs().find(done.id())).isEmpty();
    }
  }

  @Test
  void jobs_refuses_an_unknown_status_and_a_bad_limit() {
    assertThat(run(fake("host.db"), "jobs", "--status", "done"))
        .isEqualTo(HostDbCommand.EXIT_INVALID_INPUT);
    assertThat(err.toString()).contains("--status").contains("pending");
    assertThat(run(fake("host.db"), "jobs", "--limit", "0"))
        .isEqualTo(HostDbCommand.EXIT_INVALID_INPUT);
    assertThat(err.toString()).contains("--limit");
  }
}
