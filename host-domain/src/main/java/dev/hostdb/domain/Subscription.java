package dev.hostdb.domain;

import java.time.Instant;

/**
 * A tenant's billing state as the billing provider last reported it ({@code core_subscriptions}).
 * Whether it entitles the tenant is decided by {@link dev.hostdb.domain.rule.EntitlementPolicy}.
 *
 * @param id the subscription's id
 * @param tenantId the tenant it pays for
 * @param stripeSubscriptionId the provider's subscription id; null for a trial the provider does
 *     not know yet
 * @param stripeCustomerId the provider's customer id, or null
 * @param planTier the tier paid for
 * @param status the provider's status
 * @param currentPeriodEnd end of the paid period, or null (one-time payments)
 * @param cancelAtPeriodEnd whether the subscription ends at {@code currentPeriodEnd}
 * @param paymentType recurring or one-time
 * @param amount the one-time amount, or null
 * @param productName the product's description, or null
 * @param trialEnd end of the trial, or null
 * @param createdAt when the record was created
 */
public record Subscription(
    Id id,
    Id tenantId,
    String stripeSubscriptionId,
    String stripeCustomerId,
    String planTier,
    SubscriptionStatus status,
    Instant currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    PaymentType paymentType,
    Cents amount,
    String productName,
    Instant trialEnd,
    Instant createdAt) {

  public Subscription {
    Checks.required("id", id);
    Checks.required("tenant_id", tenantId);
    Checks.requiredText("plan_tier", planTier);
    Checks.required("status", status);
    Checks.required("payment_type", paymentType);
  }

  /** A trial that the billing provider does not know yet, ending at {@code trialEnd}. */
  public static Subscription trial(
      Id id, Id tenantId, String planTier, Instant trialEnd, Instant createdAt) {
    return new Subscription(
        id,
        tenantId,
        null,
        null,
        planTier,
        SubscriptionStatus.TRIALING,
        trialEnd,
        false,
        PaymentType.SUBSCRIPTION,
        null,
        null,
        trialEnd,
        createdAt);
  }
}
