package dev.hostdb.domain.rule;

import dev.hostdb.domain.PaymentType;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SubscriptionStatus;
import dev.hostdb.domain.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a tenant's subscriptions entitle it to the service at a given instant.
 *
 * <p>One subscription, by payment type and status:
 *
 * <ul>
 *   <li>one-time payment: entitled for good ({@code ONE_TIME_PAYMENT}) unless its status is
 *       canceled, unpaid, incomplete or incomplete_expired (refunded or failed: {@code NOT_PAID});
 *   <li>trialing: entitled until the trial end, or the period end when it has no trial end, or
 *       without end when it has neither; then {@code TRIAL_ENDED};
 *   <li>active: entitled; when set to cancel at period end, only until that period end ({@code
 *       CANCELING_AT_PERIOD_END}), then {@code PERIOD_ENDED};
 *   <li>past due: entitled until the period end plus the grace period ({@code PAST_DUE_GRACE}),
 *       then {@code GRACE_EXPIRED}; without a period end the grace is over at once;
 *   <li>canceled: entitled until the period end when it was set to cancel at period end, else
 *       {@code CANCELED};
 *   <li>unpaid, incomplete, incomplete_expired, paused: {@code NOT_PAID}.
 * </ul>
 *
 * <p>Every entitlement ends exactly at its end instant: at that instant the tenant is no longer
 * entitled.
 *
 * <p>Several subscriptions: the tenant is entitled when any one entitles it, and the decision rests
 * on the one that entitles it longest (one without end first). When none does, the decision rests
 * on the most recently created subscription (those without a creation time last); with none at all
 * the reason is {@code NO_SUBSCRIPTION}.
 *
 * <p><b>NOTE:</b> the policy does not check that the subscriptions belong to one tenant; the caller
 * passes one tenant's subscriptions.
 */
public final class EntitlementPolicy {
  /** The grace period after the end of an unpaid period: three days. */
  public static final Duration DEFAULT_GRACE = Duration.ofDays(3);

  private static final Set<SubscriptionStatus> ONE_TIME_NOT_PAID =
      EnumSet.of(
          SubscriptionStatus.CANCELED,
          SubscriptionStatus.UNPAID,
          SubscriptionStatus.INCOMPLETE,
          SubscriptionStatus.INCOMPLETE_EXPIRED);

  /** Entitled without end first, then by later end. */
  private static final Comparator<Entitlement> LONGEST =
      Comparator.comparing(Entitlement::until, Comparator.nullsFirst(Comparator.reverseOrder()));

  /** Most recently created first, those without a creation time last. */
  private static final Comparator<Entitlement> NEWEST =
      Comparator.comparing(
          e -> e.basis().createdAt(), Comparator.nullsLast(Comparator.reverseOrder()));

  private final Duration pastDueGrace;

  /**
   * A policy with the given grace period for past-due subscriptions.
   *
   * @throws InvalidInputException when {@code pastDueGrace} is null or negative
   */
  public EntitlementPolicy(Duration pastDueGrace) {
    if (pastDueGrace == null || pastDueGrace.isNegative()) {
      throw new InvalidInputException(
          "past due grace", "must be zero or more but was " + pastDueGrace);
    }
    this.pastDueGrace = pastDueGrace;
  }

  /** A policy with the {@link #DEFAULT_GRACE default grace period}. */
  public static EntitlementPolicy defaults() {
    return new EntitlementPolicy(DEFAULT_GRACE);
  }

  /**
   * Decides whether one tenant's subscriptions entitle it at {@code at}.
   *
   * @param subscriptions the tenant's subscriptions, in any order; may be empty
   * @param at the instant asked about
   * @throws InvalidInputException when an argument or a subscription is null
   */
  public Entitlement evaluate(List<Subscription> subscriptions, Instant at) {
    if (subscriptions == null || subscriptions.stream().anyMatch(Objects::isNull)) {
      throw new InvalidInputException("subscriptions", "a list without nulls is required");
    }
    if (at == null) {
      throw new InvalidInputException("at", "is required");
    }

    List<Entitlement> each = subscriptions.stream().map(s -> evaluate(s, at)).toList();

    return each.stream()
        .filter(Entitlement::entitled)
        .min(LONGEST)
        .or(() -> each.stream().min(NEWEST))
        .orElseGet(() -> new Entitlement(false, Entitlement.Reason.NO_SUBSCRIPTION, null, null));
  }

  private Entitlement evaluate(Subscription subscription, Instant at) {
    if (subscription.paymentType() == PaymentType.ONE_TIME) {
      return ONE_TIME_NOT_PAID.contains(subscription.status())
          ? notEntitled(Entitlement.Reason.NOT_PAID, subscription, null)
          : entitled(Entitlement.Reason.ONE_TIME_PAYMENT, subscription, null);
    }
    return switch (subscription.status()) {
      case TRIALING -> trialing(subscription, at);
      case ACTIVE -> active(subscription, at);
      case PAST_DUE -> pastDue(subscription, at);
      case CANCELED -> canceled(subscription, at);
      default -> notEntitled(Entitlement.Reason.NOT_PAID, subscription, null);
    };
  }

  private static Entitlement trialing(Subscription subscription, Instant at) {
    Instant end =
        subscription.trialEnd() != null ? subscription.trialEnd() : subscription.currentPeriodEnd();

    if (end == null || at.isBefore(end)) {
      return entitled(Entitlement.Reason.TRIAL, subscription, end);
    }
    return notEntitled(Entitlement.Reason.TRIAL_ENDED, subscription, end);
  }

  private static Entitlement active(Subscription subscription, Instant at) {
    Instant periodEnd = subscription.currentPeriodEnd();

    if (!subscription.cancelAtPeriodEnd() || periodEnd == null) {
      return entitled(Entitlement.Reason.ACTIVE, subscription, null);
    }
    if (at.isBefore(periodEnd)) {
      return entitled(Entitlement.Reason.CANCELING_AT_PERIOD_END, subscription, periodEnd);
    }
    return notEntitled(Entitlement.Reason.PERIOD_ENDED, subscription, periodEnd);
  }

  private Entitlement pastDue(Subscription subscription, Instant at) {
    if (subscription.currentPeriodEnd() == null) {
      return notEntitled(Entitlement.Reason.GRACE_EXPIRED, subscription, null);
    }

    Instant graceEnd = subscription.currentPeriodEnd().plus(pastDueGrace);

    if (at.isBefore(graceEnd)) {
      return entitled(Entitlement.Reason.PAST_DUE_GRACE, subscription, graceEnd);
    }
    return notEntitled(Entitlement.Reason.GRACE_EXPIRED, subscription, graceEnd);
  }

  private static Entitlement canceled(Subscription subscription, Instant at) {
    Instant periodEnd = subscription.cancelAtPeriodEnd() ? subscription.currentPeriodEnd() : null;

    if (periodEnd != null && at.isBefore(periodEnd)) {
      return entitled(Entitlement.Reason.CANCELING_AT_PERIOD_END, subscription, periodEnd);
    }
    return notEntitled(Entitlement.Reason.CANCELED, subscription, periodEnd);
  }

  private static Entitlement entitled(
      Entitlement.Reason reason, Subscription subscription, Instant until) {
    return new Entitlement(true, reason, subscription, until);
  }

  private static Entitlement notEntitled(
      Entitlement.Reason reason, Subscription subscription, Instant until) {
    return new Entitlement(false, reason, subscription, until);
  }
}
