package dev.hostdb.domain;

/**
 * The state of a subscription, as the billing provider (Stripe) names it. Stored as the constant's
 * name in lower case.
 */
public enum SubscriptionStatus {
  TRIALING,
  ACTIVE,
  PAST_DUE,
  CANCELED,
  UNPAID,
  INCOMPLETE,
  INCOMPLETE_EXPIRED,
  PAUSED;

  /** The stored form, such as {@code trialing}. */
  public String code() {
    return Codes.code(this);
  }

  /** Reads the stored form; any other text is an error naming the allowed values. */
  public static SubscriptionStatus fromCode(String code) {
    return Codes.parse(SubscriptionStatus.class, "status", code);
  }
}
