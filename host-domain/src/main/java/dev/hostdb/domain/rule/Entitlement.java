package dev.hostdb.domain.rule;

import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;

/**
 * Whether a tenant's billing state entitles it to the service at one instant, and why; made by
 * {@link EntitlementPolicy}.
 *
 * @param entitled whether the tenant is entitled
 * @param reason why; one of the entitling reasons exactly when {@code entitled}
 * @param basis the subscription the decision rests on, or null when there is none
 * @param until when entitled, the instant the entitlement lapses, or null when no end is known
 *     (such as a renewing subscription); when not entitled, the instant it lapsed, or null when not
 *     known
 */
public record Entitlement(
    boolean entitled, Entitlement.Reason reason, Subscription basis, Instant until) {

  /** Why a tenant is or is not entitled. */
  public enum Reason {
    /** Entitled: in a trial that has not ended. */
    TRIAL("trialing", true),
    /** Entitled: a subscription in good standing. */
    ACTIVE("active", true),
    /** Entitled: payment is overdue but the grace period has not ended. */
    PAST_DUE_GRACE("past due, in grace period", true),
    /** Entitled: canceled, running to the end of the paid period. */
    CANCELING_AT_PERIOD_END("canceling at period end", true),
    /** Entitled: paid once, for good. */
    ONE_TIME_PAYMENT("paid once", true),
    /** Not entitled: the tenant has no subscription at all. */
    NO_SUBSCRIPTION("no subscription", false),
    /** Not entitled: the trial ended. */
    TRIAL_ENDED("trial ended", false),
    /** Not entitled: payment is overdue and the grace period ended. */
    GRACE_EXPIRED("past due, grace period ended", false),
    /** Not entitled: the subscription was canceled. */
    CANCELED("canceled", false),
    /** Not entitled: the subscription was set to end with its period, which has ended. */
    PERIOD_ENDED("period ended", false),
    /**
     * Not entitled: the payment failed, is incomplete, was refunded, or the subscription paused.
     */
    NOT_PAID("not paid", false);

    private final String description;
    private final boolean entitles;

    Reason(String description, boolean entitles) {
      this.description = description;
      this.entitles = entitles;
    }

    /** A short text for people, such as {@code "trial ended"}. */
    public String description() {
      return description;
    }
  }

  public Entitlement {
    if (reason == null) {
      throw new InvalidInputException("reason", "is required");
    }
    if (entitled != reason.entitles) {
      throw new InvalidInputException(
          "reason", reason + " cannot mean " + (entitled ? "entitled" : "not entitled"));
    }
  }

  /**
   * One line for people, such as {@code "entitled: trialing until 2026-12-31T00:00:00Z"} or {@code
   * "not entitled: trial ended 2026-12-31T00:00:00Z"}.
   */
  public String describe() {
    if (entitled) {
      return "entitled: " + reason.description() + (until == null ? "" : " until " + until);
    }
    return "not entitled: " + reason.description() + (until == null ? "" : " " + until);
  }
}
