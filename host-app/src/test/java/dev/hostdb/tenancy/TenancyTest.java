package dev.hostdb.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.AuditAnchor;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.AuditPage;
import dev.hostdb.domain.AuditQuery;
import dev.hostdb.domain.AuditVerification;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SubscriptionStatus;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.error.StorageUnavailableException;
import dev.hostdb.domain.port.AuditLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

abstract class TenancyTest extends TenancyFixture {

  @Test
  void creates_a_tenant_with_its_owner_a_trial_of_the_plan_and_an_audit_entry() {
    Tenant acme = db.tenancy().createTenant("Acme", ACME_DB, ann.id(), "pro", admin);

    assertThat(db.tenants().findById(acme.id())).contains(acme);
    assertThat(acme.active()).isTrue();
    assertThat(acme.planTier()).isEqualTo("pro");
    assertThat(db.memberships().find(ann.id(), acme.id()))
        .hasValueSatisfying(m -> assertThat(m.isActiveOwner()).isTrue());
    List<Subscription> subscriptions = db.subscriptions().listByTenant(acme.id());
    assertThat(subscriptions).hasSize(1);
    assertThat(subscriptions.get(0).status()).isEqualTo(SubscriptionStatus.TRIALING);
    assertThat(subscriptions.get(0).trialEnd()).isEqualTo(NOW.plus(Duration.ofDays(14)));
    List<AuditEntry> audit = db.auditLog().forTarget(acme.id().value(), 10);
    assertThat(audit).singleElement().satisfies(this::isByAdmin);
    assertThat(audit.get(0).eventType()).isEqualTo("tenant.created");
    assertThat(audit.get(0).details()).doesNotContain("s3cret");
  }

  @Test
  void an_unknown_plan_creates_nothing() {
    assertThatThrownBy(() -> db.tenancy().createTenant("Acme", ACME_DB, ann.id(), "gold", admin))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("gold");

    assertNothingCreated();
  }

  @Test
  void an_unknown_owner_creates_nothing() {
    Id ghost = Id.random();

    assertThatThrownBy(() -> db.tenancy().createTenant("Acme", ACME_DB, ghost, "pro", admin))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());

    assertNothingCreated();
  }

  @Test
  void a_failing_audit_write_leaves_no_tenant_membership_or_subscription() {
    Tenancy tenancy = new Tenancy(ports(failingAuditLog()));

    assertThatThrownBy(() -> tenancy.createTenant("Acme", ACME_DB, ann.id(), "pro", admin))
        .isInstanceOf(StorageUnavailableException.class);

    assertNothingCreated();
  }

  @Test
  void a_suspended_tenant_is_inactive_and_a_resumed_one_active_again() {
    Tenant acme = newTenant("Acme");

    Tenant suspended = db.tenancy().suspend(acme.id(), admin);
    boolean enterable = !db.memberships().enterableTenants(ann.id()).isEmpty();
    Tenant resumed = db.tenancy().resume(acme.id(), admin);

    assertThat(suspended.active()).isFalse();
    assertThat(enterable).isFalse();
    assertThat(resumed.active()).isTrue();
    assertThat(db.tenants().findById(acme.id())).contains(resumed);
    assertThat(db.tenancy().deletedAt(acme.id())).isEmpty();
    assertThat(auditedEvents(acme.id()))
        .containsExactlyInAnyOrder("tenant.created", "tenant.suspended", "tenant.resumed");
  }

  @Test
  void renames_and_changes_plan_with_audit_entries() {
    db.plans().upsert(plan("team", 3, 0, null), admin);
    Tenant acme = newTenant("Acme");

    db.tenancy().rename(acme.id(), "Acme Corp", admin);
    Tenant moved = db.tenancy().changePlan(acme.id(), "team", admin);

    assertThat(moved.name()).isEqualTo("Acme Corp");
    assertThat(moved.planTier()).isEqualTo("team");
    assertThat(db.tenants().findById(acme.id())).contains(moved);
    assertThat(auditedEvents(acme.id()))
        .containsExactlyInAnyOrder("tenant.created", "tenant.renamed", "tenant.plan_changed");
  }

  @Test
  void a_change_to_an_unknown_plan_changes_nothing() {
    Tenant acme = newTenant("Acme");

    assertThatThrownBy(() -> db.tenancy().changePlan(acme.id(), "gold", admin))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("gold");

    assertThat(db.tenants().findById(acme.id())).contains(acme);
    assertThat(auditedEvents(acme.id())).containsExactly("tenant.created");
  }

  @Test
  void deleting_marks_the_tenant_inactive_and_deleted_and_queues_its_purge() {
    Tenant acme = newTenant("Acme");

    Tenant deleted = db.tenancy().delete(acme.id(), admin);

    assertThat(deleted.active()).isFalse();
    assertThat(db.tenants().findById(acme.id())).contains(deleted);
    assertThat(db.tenancy().deletedAt(acme.id())).contains(NOW);
    List<SystemJob> jobs = purgeJobs();
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).payload()).isEqualTo("{\"tenant_id\":\"" + acme.id().value() + "\"}");
    assertThat(jobs.get(0).uniqueKey()).isEqualTo("tenant.purge:" + acme.id().value());
    assertThat(auditedEvents(acme.id()))
        .containsExactlyInAnyOrder("tenant.created", "tenant.deleted");
  }

  @Test
  void deleting_twice_queues_one_purge() {
    Tenant acme = newTenant("Acme");

    db.tenancy().delete(acme.id(), admin);
    db.tenancy().delete(acme.id(), admin);

    assertThat(purgeJobs()).hasSize(1);
    assertThat(auditedEvents(acme.id()))
        .containsExactlyInAnyOrder("tenant.created", "tenant.deleted");
  }

  @Test
  void creating_queues_the_provision_job_in_the_same_transaction() {
    Tenant acme = newTenant("Acme");

    SystemJob job =
        db.jobs().findByUniqueKey("tenant.provision:" + acme.id().value()).orElseThrow();
    assertThat(job.jobType()).isEqualTo(Tenancy.PROVISION_JOB);
    assertThat(job.status()).isEqualTo(JobStatus.PENDING);
    assertThat(job.payload()).isEqualTo("{\"tenant_id\":\"" + acme.id().value() + "\"}");
    assertThat(job.createdAt()).isEqualTo(NOW);
    assertThat(db.auditLog().forTarget(acme.id().value(), 10))
        .singleElement()
        .satisfies(entry -> assertThat(entry.details()).contains(job.id().value()));
    assertThat(db.jobs().count()).isOne();
  }

  private List<SystemJob> purgeJobs() {
    return db.jobs().list(JobStatus.PENDING, 100).stream()
        .filter(job -> job.jobType().equals(Tenancy.PURGE_JOB))
        .toList();
  }

  @Test
  void a_deleted_tenant_cannot_be_resumed_renamed_or_suspended() {
    Tenant acme = newTenant("Acme");
    db.tenancy().delete(acme.id(), admin);

    assertThatThrownBy(() -> db.tenancy().resume(acme.id(), admin))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(acme.id().value())
        .hasMessageContaining("deleted");
    assertThatThrownBy(() -> db.tenancy().rename(acme.id(), "Back", admin))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> db.tenancy().suspend(acme.id(), admin))
        .isInstanceOf(ConflictException.class);
    assertThat(db.tenants().findById(acme.id()).orElseThrow().active()).isFalse();
  }

  @Test
  void changes_to_an_unknown_tenant_are_not_found() {
    Id ghost = Id.random();

    assertThatThrownBy(() -> db.tenancy().suspend(ghost, admin))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());
    assertThatThrownBy(() -> db.tenancy().delete(ghost, admin))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.auditLog().forTarget(ghost.value(), 10)).isEmpty();
  }

  @Test
  void every_change_tells_the_access_hook_its_tenant() {
    Tenancy tenancy = new Tenancy(recordingPorts());
    Tenant acme = tenancy.createTenant("Acme", ACME_DB, ann.id(), "pro", admin);

    tenancy.suspend(acme.id(), admin);
    tenancy.resume(acme.id(), admin);
    tenancy.rename(acme.id(), "Acme Corp", admin);
    tenancy.changePlan(acme.id(), "pro", admin);
    tenancy.delete(acme.id(), admin);

    assertThat(invalidated.get(0)).isEqualTo(AccessScope.membership(ann.id(), acme.id()));
    assertThat(invalidated.subList(1, invalidated.size()))
        .hasSize(5)
        .containsOnly(AccessScope.tenant(acme.id()));
  }

  @Test
  void the_owner_of_a_new_tenant_is_its_only_member() {
    Tenant acme = newTenant("Acme");

    assertThat(db.members().ofTenant(acme.id()))
        .singleElement()
        .satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER));
  }

  private void isByAdmin(AuditEntry entry) {
    assertThat(entry.actorUserId()).isEqualTo(ann.id());
    assertThat(entry.ipAddress()).isEqualTo("203.0.113.7");
    assertThat(entry.createdAt()).isEqualTo(NOW);
  }

  private void assertNothingCreated() {
    assertThat(db.tenants().count()).isZero();
    assertThat(db.memberships().count()).isZero();
    assertThat(db.subscriptions().count()).isZero();
    assertThat(db.jobs().count()).isZero();
    assertThat(db.auditLog().recent(10))
        .extracting(AuditEntry::eventType)
        .containsExactly("plan.upserted");
  }

  /** An audit log whose every append fails, as a full or broken disk would make it. */
  private AuditLog failingAuditLog() {
    AuditLog real = db.auditLog();
    return new AuditLog() {
      @Override
      public AuditEntry append(AuditEntry entry) {
        throw new StorageUnavailableException("append audit entry " + entry.id() + ": disk full");
      }

      @Override
      public List<AuditEntry> appendAll(List<AuditEntry> entries) {
        throw new StorageUnavailableException("append " + entries.size() + " entries: disk full");
      }

      @Override
      public List<AuditEntry> recent(int limit) {
        return real.recent(limit);
      }

      @Override
      public AuditPage query(AuditQuery query) {
        return real.query(query);
      }

      @Override
      public AuditVerification verify() {
        return real.verify();
      }

      @Override
      public Optional<AuditAnchor> head() {
        return real.head();
      }

      @Override
      public AuditVerification verify(AuditAnchor anchor) {
        return real.verify(anchor);
      }

      @Override
      public List<AuditEntry> forTarget(String targetId, int limit) {
        return real.forTarget(targetId, limit);
      }

      @Override
      public long count() {
        return real.count();
      }
    };
  }
}
