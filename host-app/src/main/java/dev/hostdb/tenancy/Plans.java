package dev.hostdb.tenancy;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.Json;
import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * Pricing plans and what they give a tenant. A tenant's features and tier level are those of its
 * current plan: the plan whose id is the tenant's {@code plan_tier}. No tier is built in: plans are
 * data.
 *
 * <p>A tenant whose {@code plan_tier} names no stored plan (the reference's default {@code free},
 * for example, when no such plan was stored) has no features and tier level 0.
 */
public final class Plans {
  private final TenancyPorts ports;

  /** The service over {@code ports}; {@link dev.hostdb.HostDatabase#plans()} gives one. */
  public Plans(TenancyPorts ports) {
    this.ports = ports;
  }

  /**
   * Stores the plan, replacing the stored plan with its id, with a {@code plan.upserted} audit
   * entry in the same transaction.
   *
   * @throws InvalidInputException when {@code features} is not a JSON array of strings
   */
  public PricingPlan upsert(PricingPlan plan, RequestContext ctx) {
    TenancyPorts.requireContext(ctx);
    if (plan == null) {
      throw new InvalidInputException("plan", "is required");
    }
    features(plan);
    return ports.write(
        () -> {
          PricingPlan stored = ports.plans().upsert(plan);
          ports.audit(
              ctx,
              "plan.upserted",
              plan.id(),
              Json.object("name", plan.name(), "tier_level", Integer.toString(plan.tierLevel())));
          return stored;
        });
  }

  /** The plans new subscriptions may choose, by {@code sort_order}, then id. */
  public List<PricingPlan> listActive() {
    return ports.plans().listActive();
  }

  /**
   * The feature keys of the tenant's current plan, in the plan's order.
   *
   * @throws NotFoundException when no tenant has the id
   * @throws InvalidInputException when the plan's stored {@code features} is not a JSON array of
   *     strings; the message names the plan
   */
  public List<String> features(Id tenantId) {
    return currentPlan(tenantId).map(Plans::features).orElse(List.of());
  }

  /**
   * Whether the tenant's current plan has the feature.
   *
   * @throws NotFoundException when no tenant has the id
   * @throws InvalidInputException when the plan's stored {@code features} is malformed
   */
  public boolean hasFeature(Id tenantId, String feature) {
    return features(tenantId).contains(feature);
  }

  /**
   * The {@code tier_level} of the tenant's current plan, or 0 when its tier names no plan.
   *
   * @throws NotFoundException when no tenant has the id
   */
  public int tierLevel(Id tenantId) {
    return currentPlan(tenantId).map(PricingPlan::tierLevel).orElse(0);
  }

  /**
   * Whether the tenant's current plan is at {@code level} or above.
   *
   * @throws NotFoundException when no tenant has the id
   */
  public boolean tierAtLeast(Id tenantId, int level) {
    return tierLevel(tenantId) >= level;
  }

  private Optional<PricingPlan> currentPlan(Id tenantId) {
    TenancyPorts.requireId("tenant_id", tenantId);
    Tenant tenant =
        ports
            .tenants()
            .findById(tenantId)
            .orElseThrow(() -> new NotFoundException("read plan of tenant", "tenant", tenantId));
    return ports.plans().findById(tenant.planTier());
  }

  private static List<String> features(PricingPlan plan) {
    if (plan.features() == null) {
      return List.of();
    }
    return JsonText.stringArray("features of plan " + plan.id(), plan.features());
  }
}
