package dev.hostdb.tenancy;

import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Json;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Tenants through their life: created with an owner and a trial, suspended and resumed, renamed,
 * moved to another plan, deleted. Every call is one transaction that also appends its audit entry
 * ({@code tenant.created}, {@code tenant.suspended}, …): the change and its entry are stored
 * together or not at all.
 *
 * <p>A suspended or deleted tenant is inactive: it grants no access and routes nowhere. A deleted
 * tenant also has a deletion time and a {@code tenant.purge} job queued; it cannot be resumed or
 * changed.
 */
public final class Tenancy {
  /**
   * The job queued when a tenant is created: it creates the tenant's own database. Its payload
   * names the tenant ({@code {"tenant_id":"…"}}); its unique key is {@code tenant.provision:<id>}.
   */
  public static final String PROVISION_JOB = "tenant.provision";

  /**
   * The job queued when a tenant is deleted: it drops the tenant's database after the retention
   * period. Its payload names the tenant; its unique key is {@code tenant.purge:<id>}.
   */
  public static final String PURGE_JOB = "tenant.purge";

  private final TenancyPorts ports;

  /** The service over {@code ports}; {@link dev.hostdb.HostDatabase#tenancy()} gives one. */
  public Tenancy(TenancyPorts ports) {
    this.ports = ports;
  }

  /**
   * Creates an active tenant on {@code planId}, with {@code ownerUserId} as its owner and a trial
   * of the plan's {@code trial_days}, and queues the {@link #PROVISION_JOB} job that creates its
   * database.
   *
   * @throws NotFoundException when the plan or the user does not exist; nothing is written
   * @throws dev.hostdb.domain.error.InvalidInputException when the name is blank or too long
   */
  public Tenant createTenant(
      String name, DatabaseUrl dbUrl, Id ownerUserId, String planId, RequestContext ctx) {
    TenancyPorts.requireContext(ctx);
    TenancyPorts.requireId("owner_user_id", ownerUserId);
    Id tenantId = ports.ids().next();
    String operation = "create tenant " + tenantId;
    return ports.write(
        AccessScope.membership(ownerUserId, tenantId),
        () -> {
          PricingPlan plan = plan(operation, planId);
          if (ports.users().findById(ownerUserId).isEmpty()) {
            throw new NotFoundException(operation, "user", ownerUserId);
          }
          Instant now = ports.now();
          Tenant tenant =
              ports.tenants().create(new Tenant(tenantId, name, dbUrl, true, plan.id(), now));
          Membership owner =
              ports
                  .memberships()
                  .create(
                      Membership.create(
                          ports.ids().next(), ownerUserId, tenantId, Role.OWNER, now));
          Instant trialEnd = now.plus(Duration.ofDays(plan.trialDays()));
          ports
              .subscriptions()
              .create(Subscription.trial(ports.ids().next(), tenantId, plan.id(), trialEnd, now));
          SystemJob provision = enqueue(PROVISION_JOB, tenantId, now);
          ports.audit(
              ctx,
              "tenant.created",
              tenantId,
              Json.object(
                  "name",
                  name,
                  "plan_id",
                  plan.id(),
                  "owner_membership_id",
                  owner.id().value(),
                  "provision_job_id",
                  provision.id().value()));
          return tenant;
        });
  }

  /**
   * Suspends the tenant: it grants no access and routes nowhere until resumed.
   *
   * @throws NotFoundException when no tenant has the id
   * @throws ConflictException when the tenant is deleted
   */
  public Tenant suspend(Id tenantId, RequestContext ctx) {
    return change(tenantId, "suspend", "tenant.suspended", ctx, t -> t.withActive(false), null);
  }

  /**
   * Makes a suspended tenant active again.
   *
   * @throws NotFoundException when no tenant has the id
   * @throws ConflictException when the tenant is deleted
   */
  public Tenant resume(Id tenantId, RequestContext ctx) {
    return change(tenantId, "resume", "tenant.resumed", ctx, t -> t.withActive(true), null);
  }

  /**
   * Gives the tenant another display name.
   *
   * @throws NotFoundException when no tenant has the id
   * @throws ConflictException when the tenant is deleted
   * @throws dev.hostdb.domain.error.InvalidInputException when the name is blank or too long
   */
  public Tenant rename(Id tenantId, String newName, RequestContext ctx) {
    return change(
        tenantId,
        "rename",
        "tenant.renamed",
        ctx,
        t -> new Tenant(t.id(), newName, t.dbUrl(), t.active(), t.planTier(), t.createdAt()),
        Json.object("name", newName));
  }

  /**
   * Moves the tenant to another plan ({@code plan_tier}); its features and tier level follow.
   * Billing state is not touched: the provider's next event brings it.
   *
   * @throws NotFoundException when no tenant or no plan has the id
   * @throws ConflictException when the tenant is deleted
   */
  public Tenant changePlan(Id tenantId, String planId, RequestContext ctx) {
    return change(
        tenantId,
        "change plan of",
        "tenant.plan_changed",
        ctx,
        t -> t.withPlanTier(plan("change plan of tenant " + tenantId, planId).id()),
        Json.object("plan_id", planId));
  }

  /**
   * Deletes the tenant: marks it inactive and deleted, and queues a {@link #PURGE_JOB} job that
   * removes its data. Deleting a deleted tenant changes nothing and queues no second job.
   *
   * @throws NotFoundException when no tenant has the id
   */
  public Tenant delete(Id tenantId, RequestContext ctx) {
    TenancyPorts.requireContext(ctx);
    TenancyPorts.requireId("tenant_id", tenantId);
    String operation = "delete tenant " + tenantId;
    return ports.write(
        AccessScope.tenant(tenantId),
        () -> {
          Tenant tenant = ports.tenant(operation, tenantId);
          if (ports.tenants().deletedAt(tenantId).isPresent()) {
            return tenant;
          }
          Instant now = ports.now();
          ports.tenants().markDeleted(tenantId, now);
          SystemJob purge = enqueue(PURGE_JOB, tenantId, now);
          ports.audit(
              ctx, "tenant.deleted", tenantId, Json.object("purge_job_id", purge.id().value()));
          return tenant.withActive(false);
        });
  }

  private SystemJob enqueue(String jobType, Id tenantId, Instant now) {
    return ports
        .jobs()
        .enqueue(
            SystemJob.pending(
                    ports.ids().next(), jobType, Json.object("tenant_id", tenantId.value()), now)
                .withUniqueKey(jobType + ":" + tenantId.value()));
  }

  /** When the tenant was deleted; empty for a tenant that is not deleted or does not exist. */
  public Optional<Instant> deletedAt(Id tenantId) {
    return ports.tenants().deletedAt(tenantId);
  }

  private Tenant change(
      Id tenantId,
      String verb,
      String eventType,
      RequestContext ctx,
      UnaryOperator<Tenant> edit,
      String details) {
    TenancyPorts.requireContext(ctx);
    TenancyPorts.requireId("tenant_id", tenantId);
    String operation = verb + " tenant " + tenantId;
    return ports.write(
        AccessScope.tenant(tenantId),
        () -> {
          Tenant before = ports.tenant(operation, tenantId);
          ports.requireNotDeleted(operation, tenantId);
          Tenant after = ports.tenants().update(edit.apply(before));
          ports.audit(ctx, eventType, tenantId, details);
          return after;
        });
  }

  private PricingPlan plan(String operation, String planId) {
    if (planId == null) {
      throw new NotFoundException(operation, "pricing plan", "null");
    }
    return ports
        .plans()
        .findById(planId)
        .orElseThrow(() -> new NotFoundException(operation, "pricing plan", planId));
  }
}
