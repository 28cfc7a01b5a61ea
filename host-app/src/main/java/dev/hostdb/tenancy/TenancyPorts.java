package dev.hostdb.tenancy;

import dev.hostdb.access.AccessInvalidation;
import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.AuditLog;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.IdSource;
import dev.hostdb.domain.port.JobQueue;
import dev.hostdb.domain.port.MembershipRepository;
import dev.hostdb.domain.port.PricingPlanRepository;
import dev.hostdb.domain.port.SubscriptionRepository;
import dev.hostdb.domain.port.TenantCatalog;
import dev.hostdb.domain.port.Transactions;
import dev.hostdb.domain.port.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the tenancy services work on: the host database's ports, its clock and id source, and the
 * hook told of every write that may change an access answer. {@link dev.hostdb.HostDatabase}
 * assembles it; tests may replace a port, such as the audit log.
 *
 * @param users {@code core_users}
 * @param tenants {@code core_tenants}
 * @param memberships {@code core_memberships}
 * @param subscriptions {@code core_subscriptions} and {@code sys_billing_events}
 * @param plans {@code core_pricing_plans}
 * @param auditLog {@code sys_audit_logs}
 * @param jobs {@code sys_jobs}
 * @param transactions runs each service call in one transaction
 * @param clock the time of every record written
 * @param ids where new ids come from
 * @param invalidation told of every write that may change an access answer
 */
public record TenancyPorts(
    UserRepository users,
    TenantCatalog tenants,
    MembershipRepository memberships,
    SubscriptionRepository subscriptions,
    PricingPlanRepository plans,
    AuditLog auditLog,
    JobQueue jobs,
    Transactions transactions,
    Clock clock,
    IdSource ids,
    AccessInvalidation invalidation) {

  /**
   * @throws InvalidInputException when a component is missing
   */
  public TenancyPorts {
    Object[] all = {
      users,
      tenants,
      memberships,
      subscriptions,
      plans,
      auditLog,
      jobs,
      transactions,
      clock,
      ids,
      invalidation
    };
    for (Object component : all) {
      if (component == null) {
        throw new InvalidInputException("tenancy ports", "every port, clock and hook is required");
      }
    }
  }

  /** The ports of an open store. */
  public static TenancyPorts of(
      HostStore store, Clock clock, IdSource ids, AccessInvalidation invalidation) {
    return new TenancyPorts(
        store.users(),
        store.tenants(),
        store.memberships(),
        store.subscriptions(),
        store.pricingPlans(),
        store.auditLog(),
        store.jobs(),
        store.transactions(),
        clock,
        ids,
        invalidation);
  }

  /** These ports with another audit log. */
  public TenancyPorts withAuditLog(AuditLog auditLog) {
    return new TenancyPorts(
        users,
        tenants,
        memberships,
        subscriptions,
        plans,
        auditLog,
        jobs,
        transactions,
        clock,
        ids,
        invalidation);
  }

  /** The current instant, truncated to microseconds as the database stores it. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Appends an audit entry of {@code eventType} about {@code targetId}. */
  public void audit(RequestContext context, String eventType, Id targetId, String details) {
    audit(context, eventType, targetId.value(), details);
  }

  /** Appends an audit entry of {@code eventType} about the record keyed {@code targetId}. */
  void audit(RequestContext context, String eventType, String targetId, String details) {
    auditLog.append(
        new AuditEntry(
            ids.next(),
            context.actorId(),
            eventType,
            targetId,
            details,
            context.ipAddress(),
            now()));
  }

  /**
   * The tenant with the id, deleted or not.
   *
   * @throws NotFoundException naming {@code operation} when there is none
   */
  public Tenant tenant(String operation, Id tenantId) {
    return tenants
        .findById(tenantId)
        .orElseThrow(() -> new NotFoundException(operation, "tenant", tenantId));
  }

  /**
   * @throws ConflictException naming {@code operation} when the tenant was deleted
   */
  public void requireNotDeleted(String operation, Id tenantId) {
    Optional<Instant> deleted = tenants.deletedAt(tenantId);
    if (deleted.isPresent()) {
      throw new ConflictException(operation + ": the tenant was deleted at " + deleted.get());
    }
  }

  /** Runs {@code work} in one transaction, telling the hook about {@code scope} around it. */
  @SuppressWarnings("try") // the change is only closed, after the transaction has ended
  <T> T write(AccessScope scope, Supplier<T> work) {
    try (AccessInvalidation.Change change = invalidation.begin(scope)) {
      return transactions.inTransaction(work);
    }
  }

  /** Runs {@code work} in one transaction that no access answer depends on. */
  <T> T write(Supplier<T> work) {
    return transactions.inTransaction(work);
  }

  static void requireContext(RequestContext context) {
    if (context == null) {
      throw new InvalidInputException("request context", "is required");
    }
  }

  /**
   * @throws InvalidInputException naming {@code field} when the id is missing
   */
  public static Id requireId(String field, Id id) {
    if (id == null) {
      throw new InvalidInputException(field, "is required");
    }
    return id;
  }
}
