package dev.hostdb.domain.port;

import dev.hostdb.domain.PricingPlan;
import java.util.List;
import java.util.Optional;

/** Pricing plans ({@code core_pricing_plans}). */
public interface PricingPlanRepository {
  /** Stores the plan, replacing a stored plan with the same id. */
  PricingPlan upsert(PricingPlan plan);

  /** The plan with this key. */
  Optional<PricingPlan> findById(String id);

  /** The active plans by {@code sort_order}, then id. */
  List<PricingPlan> listActive();

  /** The number of plans, active or not. */
  long count();
}
