package dev.hostdb.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.HostConfig;
import dev.hostdb.HostDatabase;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.jdbc.tenantdb.TenantDatabases;
import dev.hostdb.jdbc.testing.Await;
import dev.hostdb.jobs.JobRunner;
import dev.hostdb.tenancy.Tenancy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning and purging tenants' own databases (#5), on a host database and tenant databases of
 * one kind; a subclass per database. PostgreSQL tenant databases live on the host's server.
 */
abstract class TenantProvisioningTest {
  /** The test's tenant changelog: a table, a row written by Java code, another table. */
  static final String CHANGELOG = "dev/hostdb/provisioning/tenant-changelog.xml";

  static final Instant NOW = Instant.parse("2026-12-03T12:00:00.123456Z");
  static final List<String> CHANGESETS = List.of("create-notes", "note-the-run", "create-tags");

  /** How long the child may take to start its JVM and reach the blocking changeset. */
  private static final Duration REACH_CHANGESET = Duration.ofSeconds(60);

  @TempDir Path tempDir;

  MutableClock clock;
  HostDatabase db;
  TenantProvisioning provisioning;

  /** Tenant databases a test made, dropped after it. */
  private final List<DatabaseUrl> tenantDatabases = new ArrayList<>();

  /** The URL of an empty host database of this test alone. */
  abstract DatabaseUrl hostUrl();

  /** The URL of a tenant database that does not exist yet. */
  abstract DatabaseUrl newTenantDatabaseUrl();

  /** Whether the database exists, asked without the code under test. */
  abstract boolean databaseExists(DatabaseUrl url) throws SQLException;

  @BeforeEach
  final void openDatabase() {
    clock = new MutableClock(NOW);
    db =
        HostDatabase.create(
            HostConfig.of(hostUrl()), HostDatabase.Options.defaults().withClock(clock));
    provisioning = db.provisioning(ProvisioningSettings.of(CHANGELOG));
  }

  @AfterEach
  final void closeDatabase() {
    db.close();
    for (DatabaseUrl url : tenantDatabases) {
      TenantDatabases.drop(url, ProvisioningSettings.DEFAULT_MAINTENANCE_DATABASE);
    }
  }

  Tenant newTenant() {
    DatabaseUrl url = newTenantDatabaseUrl();
    tenantDatabases.add(url);
    return newTenant(url);
  }

  Tenant newTenant(DatabaseUrl url) {
    return db.tenants().create(Tenant.create(db.newId(), "Acme", url, db.now()));
  }

  @Test
  void provisioning_creates_the_database_runs_the_changelog_and_audits_once() throws Exception {
    Tenant acme = newTenant();
    assertThat(databaseExists(acme.dbUrl())).isFalse();

    ProvisioningOutcome outcome = provisioning.provision(acme.id());

    assertThat(outcome).isEqualTo(ProvisioningOutcome.PROVISIONED);
    assertThat(databaseExists(acme.dbUrl())).isTrue();
    assertThat(changesetsRun(acme.dbUrl())).containsExactlyElementsOf(CHANGESETS);
    assertThat(javaChangesetRows(acme.dbUrl())).isOne();
    assertThat(tableExists(acme.dbUrl(), "tags")).isTrue();
    assertThat(provisioning.provisionedAt(acme.id())).contains(NOW);
    assertThat(entries(acme.id(), TenantProvisioning.PROVISIONED_EVENT))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.actorUserId()).isEqualTo(Id.SYSTEM);
              assertThat(entry.details()).contains(CHANGELOG, "create-tags");
            });
  }

  @Test
  void provisioning_a_provisioned_tenant_changes_nothing() throws Exception {
    Tenant acme = newTenant();
    provisioning.provision(acme.id());
    clock.advance(Duration.ofMinutes(5));

    ProvisioningOutcome again = provisioning.provision(acme.id());

    assertThat(again).isEqualTo(ProvisioningOutcome.ALREADY_PROVISIONED);
    assertThat(provisioning.provisionedAt(acme.id())).contains(NOW);
    assertThat(changesetsRun(acme.dbUrl())).containsExactlyElementsOf(CHANGESETS);
    assertThat(javaChangesetRows(acme.dbUrl())).isOne();
    assertThat(entries(acme.id(), TenantProvisioning.PROVISIONED_EVENT)).hasSize(1);
  }

  @Test
  void provisioning_resumes_after_a_crash_between_its_steps() throws Exception {
    Tenant created = newTenant();
    Tenant migrated = newTenant();
    TenantDatabases.create(created.dbUrl(), ProvisioningSettings.DEFAULT_MAINTENANCE_DATABASE);
    TenantDatabases.create(migrated.dbUrl(), ProvisioningSettings.DEFAULT_MAINTENANCE_DATABASE);
    TenantDatabases.migrate(
        migrated.dbUrl(), CHANGELOG, Thread.currentThread().getContextClassLoader());

    ProvisioningOutcome afterCreate = provisioning.provision(created.id());
    ProvisioningOutcome afterMigrate = provisioning.provision(migrated.id());

    assertThat(afterCreate).isEqualTo(ProvisioningOutcome.PROVISIONED);
    assertThat(afterMigrate).isEqualTo(ProvisioningOutcome.PROVISIONED);
    for (Tenant tenant : List.of(created, migrated)) {
      assertThat(changesetsRun(tenant.dbUrl())).containsExactlyElementsOf(CHANGESETS);
      assertThat(javaChangesetRows(tenant.dbUrl())).isOne();
      assertThat(entries(tenant.id(), TenantProvisioning.PROVISIONED_EVENT)).hasSize(1);
    }
  }

  @Test
  void refuses_an_unknown_or_deleted_tenant_and_creates_nothing() throws Exception {
    Id ghost = Id.random();
    Tenant gone = newTenant();
    db.tenants().markDeleted(gone.id(), NOW);

    assertThatThrownBy(() -> provisioning.provision(ghost))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());
    assertThatThrownBy(() -> provisioning.provision(gone.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(gone.id().value())
        .hasMessageContaining("deleted");

    assertThat(databaseExists(gone.dbUrl())).isFalse();
    assertThat(provisioning.provisionedAt(gone.id())).isEmpty();
    assertThat(db.auditLog().forTarget(gone.id().value(), 10)).isEmpty();
  }

  @Test
  void refuses_without_a_tenant_changelog_or_with_one_that_is_not_on_the_class_path()
      throws Exception {
    Tenant acme = newTenant();
    TenantProvisioning purgeOnly = db.provisioning(ProvisioningSettings.purgeOnly());
    TenantProvisioning missing = db.provisioning(ProvisioningSettings.of("no/such/changelog.xml"));

    assertThatThrownBy(() -> purgeOnly.provision(acme.id()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tenant changelog");
    assertThatThrownBy(() -> missing.provision(acme.id()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no/such/changelog.xml");

    assertThat(databaseExists(acme.dbUrl())).isFalse();
    assertThat(provisioning.provisionedAt(acme.id())).isEmpty();
  }

  @Test
  void refuses_a_tenant_whose_url_names_the_host_database() {
    Tenant host = newTenant(db.config().url());

    assertThatThrownBy(() -> provisioning.provision(host.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("names the host database");
    db.tenants().markDeleted(host.id(), NOW);
    clock.advance(Duration.ofDays(31));
    assertThatThrownBy(() -> provisioning.purge(host.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("names the host database");

    assertThat(db.tenants().findById(host.id())).isPresent();
    assertThat(provisioning.provisionedAt(host.id())).isEmpty();
    assertThat(provisioning.purgedAt(host.id())).isEmpty();
  }

  @Test
  void purge_refuses_a_live_tenant_and_one_inside_its_retention_period() throws Exception {
    Tenant acme = newTenant();
    provisioning.provision(acme.id());

    assertThatThrownBy(() -> provisioning.purge(acme.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("not deleted");
    db.tenants().markDeleted(acme.id(), NOW);
    clock.advance(Duration.ofDays(30).minusSeconds(1));
    assertThatThrownBy(() -> provisioning.purge(acme.id()))
        .isInstanceOfSatisfying(
            NotPurgeableYetException.class,
            e -> assertThat(e.purgeableAt()).isEqualTo(NOW.plus(Duration.ofDays(30))))
        .hasMessageContaining(NOW.plus(Duration.ofDays(30)).toString());

    assertThat(databaseExists(acme.dbUrl())).isTrue();
    assertThat(provisioning.purgedAt(acme.id())).isEmpty();
    assertThat(entries(acme.id(), TenantProvisioning.PURGED_EVENT)).isEmpty();
  }

  @Test
  void purge_drops_the_database_after_the_retention_period_and_audits_once() throws Exception {
    Tenant acme = newTenant();
    provisioning.provision(acme.id());
    db.tenants().markDeleted(acme.id(), NOW);
    clock.advance(Duration.ofDays(30));

    ProvisioningOutcome purged = provisioning.purge(acme.id());
    clock.advance(Duration.ofMinutes(5));
    ProvisioningOutcome again = provisioning.purge(acme.id());

    assertThat(purged).isEqualTo(ProvisioningOutcome.PURGED);
    assertThat(again).isEqualTo(ProvisioningOutcome.ALREADY_PURGED);
    assertThat(databaseExists(acme.dbUrl())).isFalse();
    assertThat(provisioning.purgedAt(acme.id())).contains(NOW.plus(Duration.ofDays(30)));
    assertThat(db.tenants().findById(acme.id())).isPresent();
    assertThat(entries(acme.id(), TenantProvisioning.PURGED_EVENT))
        .singleElement()
        .satisfies(entry -> assertThat(entry.actorUserId()).isEqualTo(Id.SYSTEM));
  }

  @Test
  void purge_with_a_shorter_retention_and_of_a_database_already_gone_completes() throws Exception {
    Tenant neverProvisioned = newTenant();
    db.tenants().markDeleted(neverProvisioned.id(), NOW);
    TenantProvisioning quick =
        db.provisioning(ProvisioningSettings.purgeOnly().withPurgeRetention(Duration.ZERO));

    ProvisioningOutcome outcome = quick.purge(neverProvisioned.id());

    assertThat(outcome).isEqualTo(ProvisioningOutcome.PURGED);
    assertThat(databaseExists(neverProvisioned.dbUrl())).isFalse();
    assertThat(entries(neverProvisioned.id(), TenantProvisioning.PURGED_EVENT)).hasSize(1);
  }

  @Test
  void purge_refuses_a_database_that_another_tenant_still_names() throws Exception {
    Tenant acme = newTenant();
    Tenant sharing = newTenant(acme.dbUrl());
    provisioning.provision(acme.id());
    db.tenants().markDeleted(acme.id(), NOW);
    clock.advance(Duration.ofDays(31));

    assertThatThrownBy(() -> provisioning.purge(acme.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(sharing.id().value());

    assertThat(databaseExists(acme.dbUrl())).isTrue();
    assertThat(provisioning.purgedAt(acme.id())).isEmpty();
  }

  @Test
  @Timeout(180)
  void a_provisioning_killed_inside_a_changeset_completes_exactly_once_on_the_next_run()
      throws Exception {
    Tenant acme = newTenant();

    try (ProvisioningProcess child =
        ProvisioningProcess.start(db.config().url(), acme.id(), tempDir)) {
      child.awaitBlocked(REACH_CHANGESET);
      child.kill();
    }
    assertThat(databaseExists(acme.dbUrl())).as("created before the kill").isTrue();
    assertThat(changesetsRun(acme.dbUrl())).containsExactly("create-notes");
    assertThat(provisioning.provisionedAt(acme.id())).isEmpty();

    ProvisioningOutcome resumed = provisioning.provision(acme.id());
    ProvisioningOutcome again = provisioning.provision(acme.id());

    assertThat(resumed).isEqualTo(ProvisioningOutcome.PROVISIONED);
    assertThat(again).isEqualTo(ProvisioningOutcome.ALREADY_PROVISIONED);
    assertThat(changesetsRun(acme.dbUrl())).containsExactlyElementsOf(CHANGESETS);
    assertThat(javaChangesetRows(acme.dbUrl())).isOne();
    assertThat(liquibaseLocks(acme.dbUrl())).isZero();
    assertThat(provisioning.provisionedAt(acme.id())).contains(NOW);
    assertThat(entries(acme.id(), TenantProvisioning.PROVISIONED_EVENT)).hasSize(1);
  }

  @Test
  @Timeout(180)
  void a_provision_job_whose_worker_was_killed_is_claimed_again_after_its_lease_and_done_once()
      throws Exception {
    User ann = db.users().create(User.create(db.newId(), Email.of("ann@example.com"), db.now()));
    db.plans().upsert(PricingPlan.create("pro", "Pro", db.now()), RequestContext.system());
    DatabaseUrl url = newTenantDatabaseUrl();
    tenantDatabases.add(url);
    Tenant acme = db.tenancy().createTenant("Acme", url, ann.id(), "pro", RequestContext.system());

    try (ProvisioningProcess worker = ProvisioningProcess.startWorker(db.config().url(), tempDir)) {
      worker.awaitBlocked(REACH_CHANGESET);
      assertThat(worker.kill()).as("exit status after SIGKILL").isEqualTo(128 + 9);
    }
    SystemJob held = job(Tenancy.PROVISION_JOB, acme);
    assertThat(held.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(held.leaseOwner()).isEqualTo(ProvisioningProcess.WORKER_NAME);
    assertThat(held.attempts()).isOne();
    assertThat(changesetsRun(url)).containsExactly("create-notes");
    assertThat(
            db.jobs()
                .claim(
                    "early",
                    List.of(Tenancy.PROVISION_JOB),
                    1,
                    held.leaseUntil().minusMillis(1),
                    Duration.ofMinutes(1)))
        .as("claimable before the dead worker's lease ends")
        .isEmpty();

    clock.advance(Duration.between(clock.instant(), held.leaseUntil().plusMillis(1)));
    JobRunner runner =
        provisioning.registerHandlers(
            db.jobRunner(JobRunner.Settings.defaults().withPollInterval(Duration.ofMillis(20))));
    runner.start();
    try {
      Await.until(
          "the provision job completed",
          () -> jobStatus(Tenancy.PROVISION_JOB, acme) == JobStatus.COMPLETED);
    } finally {
      runner.shutdown(Duration.ofSeconds(10));
    }

    assertThat(job(Tenancy.PROVISION_JOB, acme).attempts()).isEqualTo(2);
    assertThat(changesetsRun(url)).containsExactlyElementsOf(CHANGESETS);
    assertThat(javaChangesetRows(url)).isOne();
    assertThat(liquibaseLocks(url)).isZero();
    assertThat(entries(acme.id(), TenantProvisioning.PROVISIONED_EVENT)).hasSize(1);
  }

  @Test
  void the_jobs_of_a_tenant_created_then_deleted_provision_it_and_purge_it_after_the_retention()
      throws Exception {
    User ann = db.users().create(User.create(db.newId(), Email.of("ann@example.com"), db.now()));
    db.plans().upsert(PricingPlan.create("pro", "Pro", db.now()), RequestContext.system());
    DatabaseUrl url = newTenantDatabaseUrl();
    tenantDatabases.add(url);
    Tenant acme = db.tenancy().createTenant("Acme", url, ann.id(), "pro", RequestContext.system());
    JobRunner runner =
        provisioning.registerHandlers(
            db.jobRunner(
                JobRunner.Settings.defaults()
                    .withThreads(2)
                    .withPollInterval(Duration.ofMillis(20))));
    runner.start();
    try {
      Await.until(
          "the tenant is provisioned", () -> provisioning.provisionedAt(acme.id()).isPresent());
      assertThat(databaseExists(url)).isTrue();
      assertThat(changesetsRun(url)).containsExactlyElementsOf(CHANGESETS);
      Await.until(
          "the provision job completed",
          () -> jobStatus(Tenancy.PROVISION_JOB, acme) == JobStatus.COMPLETED);

      db.tenancy().delete(acme.id(), RequestContext.system());
      Instant purgeable = NOW.plus(ProvisioningSettings.DEFAULT_PURGE_RETENTION);
      Await.until(
          "the purge job waits for the retention period",
          () -> job(Tenancy.PURGE_JOB, acme).runAfter().equals(purgeable));
      SystemJob waiting = job(Tenancy.PURGE_JOB, acme);
      assertThat(waiting.status()).isEqualTo(JobStatus.PENDING);
      assertThat(waiting.attempts()).isZero();
      assertThat(databaseExists(url)).isTrue();

      clock.advance(ProvisioningSettings.DEFAULT_PURGE_RETENTION);
      runner.wakeUp();
      Await.until("the tenant is purged", () -> provisioning.purgedAt(acme.id()).isPresent());
      Await.until(
          "the purge job completed",
          () -> jobStatus(Tenancy.PURGE_JOB, acme) == JobStatus.COMPLETED);
    } finally {
      runner.shutdown(Duration.ofSeconds(10));
    }
    assertThat(databaseExists(url)).isFalse();
    assertThat(entries(acme.id(), TenantProvisioning.PROVISIONED_EVENT)).hasSize(1);
    assertThat(entries(acme.id(), TenantProvisioning.PURGED_EVENT)).hasSize(1);
    assertThat(db.auditLog().verify().ok()).isTrue();
  }

  @Test
  void a_provision_job_for_a_tenant_deleted_meanwhile_completes_without_creating_anything()
      throws Exception {
    User ann = db.users().create(User.create(db.newId(), Email.of("ann@example.com"), db.now()));
    db.plans().upsert(PricingPlan.create("pro", "Pro", db.now()), RequestContext.system());
    DatabaseUrl url = newTenantDatabaseUrl();
    tenantDatabases.add(url);
    Tenant acme = db.tenancy().createTenant("Acme", url, ann.id(), "pro", RequestContext.system());
    db.tenancy().delete(acme.id(), RequestContext.system());
    JobRunner runner =
        provisioning.registerHandlers(
            db.jobRunner(JobRunner.Settings.defaults().withPollInterval(Duration.ofMillis(20))));
    runner.start();
    try {
      Await.until(
          "the provision job completed",
          () -> jobStatus(Tenancy.PROVISION_JOB, acme) == JobStatus.COMPLETED);
    } finally {
      runner.shutdown(Duration.ofSeconds(10));
    }
    assertThat(databaseExists(url)).isFalse();
    assertThat(provisioning.provisionedAt(acme.id())).isEmpty();
  }

  private SystemJob job(String type, Tenant tenant) {
    return db.jobs().findByUniqueKey(type + ":" + tenant.id().value()).orElseThrow();
  }

  private JobStatus jobStatus(String type, Tenant tenant) {
    return job(type, tenant).status();
  }

  List<AuditEntry> entries(Id tenantId, String eventType) {
    return db.auditLog().forTarget(tenantId.value(), 100).stream()
        .filter(entry -> entry.eventType().equals(eventType))
        .toList();
  }

  static Connection connect(DatabaseUrl url) throws SQLException {
    Properties properties = new Properties();
    if (url.user() != null) {
      properties.setProperty("user", url.user());
    }
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    return DriverManager.getConnection(url.jdbcUrl(), properties);
  }

  /** The ids in the tenant database's changelog history, in the order they ran. */
  static List<String> changesetsRun(DatabaseUrl url) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = connect(url);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  private static long javaChangesetRows(DatabaseUrl url) throws SQLException {
    return count(url, "SELECT COUNT(*) FROM notes WHERE id = 'custom'");
  }

  private static long liquibaseLocks(DatabaseUrl url) throws SQLException {
    return count(url, "SELECT COUNT(*) FROM databasechangeloglock WHERE locked = TRUE");
  }

  private static boolean tableExists(DatabaseUrl url, String table) throws SQLException {
    try (Connection connection = connect(url);
        ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
      return tables.next();
    }
  }

  private static long count(DatabaseUrl url, String sql) throws SQLException {
    try (Connection connection = connect(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
