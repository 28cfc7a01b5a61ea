package dev.hostdb.tenancy;

import dev.hostdb.domain.Cents;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.PaymentType;
import dev.hostdb.domain.SubscriptionStatus;
import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;

/**
 * The billing provider's (Stripe's) report of one subscription's state, as its webhook delivers it:
 * possibly more than once, possibly out of order.
 *
 * @param eventId the provider's event id; a redelivery carries the same one
 * @param occurredAt when the provider produced the state; orders events about one subscription
 * @param stripeSubscriptionId the provider's subscription id
 * @param stripeCustomerId the provider's customer id, or null
 * @param tenantId the tenant the subscription pays for
 * @param planTier the tier paid for
 * @param status the provider's status
 * @param currentPeriodEnd end of the paid period, or null
 * @param cancelAtPeriodEnd whether the subscription ends at {@code currentPeriodEnd}
 * @param trialEnd end of the trial, or null
 * @param paymentType recurring or one-time
 * @param amount the one-time amount, or null
 * @param productName the product's description, or null
 */
public record BillingEvent(
    String eventId,
    Instant occurredAt,
    String stripeSubscriptionId,
    String stripeCustomerId,
    Id tenantId,
    String planTier,
    SubscriptionStatus status,
    Instant currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    Instant trialEnd,
    PaymentType paymentType,
    Cents amount,
    String productName) {

  /**
   * @throws InvalidInputException when a required field is missing
   */
  public BillingEvent {
    requireText("event_id", eventId);
    require("occurred_at", occurredAt);
    requireText("stripe_sub_id", stripeSubscriptionId);
    require("tenant_id", tenantId);
    requireText("plan_tier", planTier);
    require("status", status);
    require("payment_type", paymentType);
  }

  private static void require(String field, Object value) {
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "is required and must not be blank");
    }
  }
}
