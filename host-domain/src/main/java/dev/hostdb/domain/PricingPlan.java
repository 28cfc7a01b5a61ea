package dev.hostdb.domain;

import java.time.Instant;

/**
 * A tier a tenant can subscribe to ({@code core_pricing_plans}). Its id is a readable key such as
 * {@code pro}, not a generated id.
 *
 * @param id the plan's key, such as {@code pro}
 * @param name the display name
 * @param description the description for a pricing page, or null
 * @param stripePriceMonthly the provider's monthly price id, or null
 * @param stripePriceYearly the provider's yearly price id, or null
 * @param amountMonthly the monthly price, or null
 * @param amountYearly the yearly price, or null
 * @param currency ISO currency code, {@code usd} by default
 * @param trialDays length of the free trial in days
 * @param features JSON array of feature keys, or null
 * @param tierLevel numeric level for feature gating, higher is more
 * @param active whether new subscriptions may choose it
 * @param sortOrder position on the pricing page
 * @param createdAt when the plan was created, or null
 */
public record PricingPlan(
    String id,
    String name,
    String description,
    String stripePriceMonthly,
    String stripePriceYearly,
    Cents amountMonthly,
    Cents amountYearly,
    String currency,
    int trialDays,
    String features,
    int tierLevel,
    boolean active,
    int sortOrder,
    Instant createdAt) {

  public PricingPlan {
    Checks.requiredText("id", id);
    Checks.optionalText("id", id, 64);
    Checks.requiredText("name", name);
    Checks.requiredText("currency", currency);
    Checks.notNegative("trial_days", trialDays);
  }

  /** An active plan with the reference's defaults: usd, 30 trial days, tier level 1. */
  public static PricingPlan create(String id, String name, Instant createdAt) {
    return new PricingPlan(
        id, name, null, null, null, null, null, "usd", 30, null, 1, true, 0, createdAt);
  }
}
