package dev.hostdb.tenancy;

import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Json;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.rule.Entitlement;
import dev.hostdb.domain.rule.EntitlementPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * Billing state from the provider's events, and whether it entitles a tenant.
 *
 * <p>Events are applied idempotently and in order: each event id is recorded ({@code
 * sys_billing_events}) in the transaction that applies it, so a redelivery, even one running at the
 * same moment, changes nothing; and a subscription keeps the time of the event it reflects ({@code
 * provider_event_at}), so an older event arriving late is ignored.
 */
public final class Billing {
  private final TenancyPorts ports;
  private final EntitlementPolicy policy;

  /**
   * The service over {@code ports}, granting past-due subscriptions {@code pastDueGrace}; {@link
   * dev.hostdb.HostDatabase#billing()} gives one with {@link EntitlementPolicy#DEFAULT_GRACE}.
   *
   * @throws dev.hostdb.domain.error.InvalidInputException when the grace is null or negative
   */
  public Billing(TenancyPorts ports, Duration pastDueGrace) {
    this.ports = ports;
    this.policy = new EntitlementPolicy(pastDueGrace);
  }

  /**
   * Applies one event to the subscription it names, creating the subscription when it is new, with
   * a {@code subscription.updated} audit entry when applied.
   *
   * @return whether the event was applied, a redelivery, or older than the stored state
   * @throws NotFoundException when the event's tenant does not exist; nothing is recorded, so a
   *     redelivery after the tenant exists is applied
   */
  public BillingOutcome record(BillingEvent event) {
    if (event == null) {
      throw new dev.hostdb.domain.error.InvalidInputException("billing event", "is required");
    }
    return ports.write(
        AccessScope.tenant(event.tenantId()),
        () -> {
          Instant now = ports.now();
          String subscriptionId = event.stripeSubscriptionId();
          if (!ports.subscriptions().recordProviderEvent(event.eventId(), subscriptionId, now)) {
            return BillingOutcome.DUPLICATE;
          }
          if (!ports.subscriptions().upsertFromProvider(state(event, now), event.occurredAt())) {
            return BillingOutcome.STALE;
          }
          Subscription stored = ports.subscriptions().findByStripeId(subscriptionId).orElseThrow();
          ports.audit(
              RequestContext.system(),
              "subscription.updated",
              stored.id(),
              Json.object(
                  "event_id", event.eventId(),
                  "tenant_id", event.tenantId().value(),
                  "stripe_sub_id", subscriptionId,
                  "status", event.status().code(),
                  "plan_tier", event.planTier()));
          return BillingOutcome.APPLIED;
        });
  }

  /**
   * Whether the tenant's stored subscriptions entitle it at {@code at}; see {@link
   * EntitlementPolicy}.
   *
   * @throws NotFoundException when no tenant has the id
   */
  public Entitlement entitlement(Id tenantId, Instant at) {
    TenancyPorts.requireId("tenant_id", tenantId);
    if (ports.tenants().findById(tenantId).isEmpty()) {
      throw new NotFoundException("decide entitlement", "tenant", tenantId);
    }
    return policy.evaluate(ports.subscriptions().listByTenant(tenantId), at);
  }

  private Subscription state(BillingEvent event, Instant now) {
    return new Subscription(
        ports.ids().next(),
        event.tenantId(),
        event.stripeSubscriptionId(),
        event.stripeCustomerId(),
        event.planTier(),
        event.status(),
        event.currentPeriodEnd(),
        event.cancelAtPeriodEnd(),
        event.paymentType(),
        event.amount(),
        event.productName(),
        event.trialEnd(),
        now);
  }
}
