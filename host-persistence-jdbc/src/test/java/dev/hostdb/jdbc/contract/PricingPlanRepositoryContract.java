package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostdb.domain.Cents;
import dev.hostdb.domain.PricingPlan;
import org.junit.jupiter.api.Test;

/** What every adapter's {@link dev.hostdb.domain.port.PricingPlanRepository} must do. */
public abstract class PricingPlanRepositoryContract extends StoreContract {

  @Test
  void upsert_inserts_then_replaces_a_plan() {
    PricingPlan pro =
        new PricingPlan(
            "pro",
            "Pro",
            "For teams",
            "price_m",
            "price_y",
            new Cents(1999),
            new Cents(19900),
            "usd",
            14,
            "[\"exports\"]",
            2,
            true,
            2,
            now);

    store.pricingPlans().upsert(pro);
    PricingPlan renamed =
        new PricingPlan(
            "pro", "Pro+", null, null, null, null, null, "eur", 7, null, 3, true, 1, now);
    store.pricingPlans().upsert(renamed);

    assertThat(store.pricingPlans().findById("pro")).contains(renamed);
    assertThat(store.pricingPlans().count()).isEqualTo(1);
  }

  @Test
  void lists_active_plans_by_sort_order() {
    store.pricingPlans().upsert(plan("gold", 3, true));
    store.pricingPlans().upsert(plan("basic", 1, true));
    store.pricingPlans().upsert(plan("legacy", 0, false));
    store.pricingPlans().upsert(plan("silver", 2, true));

    assertThat(store.pricingPlans().listActive())
        .extracting(PricingPlan::id)
        .containsExactly("basic", "silver", "gold");
  }

  private PricingPlan plan(String id, int sortOrder, boolean active) {
    return new PricingPlan(
        id, id, null, null, null, null, null, "usd", 30, null, 1, active, sortOrder, now);
  }
}
