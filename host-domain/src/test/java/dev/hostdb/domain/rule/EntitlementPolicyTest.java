package dev.hostdb.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.Cents;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.PaymentType;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SubscriptionStatus;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.rule.Entitlement.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EntitlementPolicyTest {
  private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-12-31T00:00:00Z");
  private static final Instant BEFORE_END = END.minusNanos(1);

  private final EntitlementPolicy policy = EntitlementPolicy.defaults();
  private final Id tenant = Id.random();

  private Subscription recurring(SubscriptionStatus status, Instant periodEnd, boolean cancel) {
    return new Subscription(
        Id.random(),
        tenant,
        "sub_1",
        "cus_1",
        "pro",
        status,
        periodEnd,
        cancel,
        PaymentType.SUBSCRIPTION,
        null,
        null,
        null,
        CREATED);
  }

  private Subscription oneTime(SubscriptionStatus status) {
    return new Subscription(
        Id.random(),
        tenant,
        null,
        "cus_1",
        "pro",
        status,
        null,
        false,
        PaymentType.ONE_TIME,
        new Cents(4900),
        "Lifetime",
        null,
        CREATED);
  }

  private Subscription trial(Instant trialEnd, Instant periodEnd) {
    return new Subscription(
        Id.random(),
        tenant,
        null,
        null,
        "pro",
        SubscriptionStatus.TRIALING,
        periodEnd,
        false,
        PaymentType.SUBSCRIPTION,
        null,
        null,
        trialEnd,
        CREATED);
  }

  private Subscription createdAt(Subscription s, Instant createdAt) {
    return new Subscription(
        s.id(),
        s.tenantId(),
        s.stripeSubscriptionId(),
        s.stripeCustomerId(),
        s.planTier(),
        s.status(),
        s.currentPeriodEnd(),
        s.cancelAtPeriodEnd(),
        s.paymentType(),
        s.amount(),
        s.productName(),
        s.trialEnd(),
        createdAt);
  }

  private Entitlement evaluate(Subscription subscription, Instant at) {
    return policy.evaluate(List.of(subscription), at);
  }

  @Test
  void entitles_a_trial_until_just_before_its_end() {
    Subscription trial = Subscription.trial(Id.random(), tenant, "pro", END, CREATED);

    Entitlement entitlement = evaluate(trial, BEFORE_END);

    assertThat(entitlement).isEqualTo(new Entitlement(true, Reason.TRIAL, trial, END));
    assertThat(entitlement.describe()).isEqualTo("entitled: trialing until 2026-12-31T00:00:00Z");
  }

  @Test
  void ends_a_trial_exactly_at_its_end() {
    Subscription trial = Subscription.trial(Id.random(), tenant, "pro", END, CREATED);

    Entitlement entitlement = evaluate(trial, END);

    assertThat(entitlement).isEqualTo(new Entitlement(false, Reason.TRIAL_ENDED, trial, END));
    assertThat(entitlement.describe()).isEqualTo("not entitled: trial ended 2026-12-31T00:00:00Z");
  }

  @Test
  void ends_a_trial_without_trial_end_at_the_period_end() {
    Subscription trial = trial(null, END);

    assertThat(evaluate(trial, BEFORE_END).reason()).isEqualTo(Reason.TRIAL);
    assertThat(evaluate(trial, END).reason()).isEqualTo(Reason.TRIAL_ENDED);
  }

  @Test
  void prefers_the_trial_end_over_the_period_end() {
    Subscription trial = trial(END, END.plus(Duration.ofDays(30)));

    Entitlement entitlement = evaluate(trial, END);

    assertThat(entitlement.reason()).isEqualTo(Reason.TRIAL_ENDED);
  }

  @Test
  void entitles_a_trial_without_any_end_without_end() {
    Subscription trial = trial(null, null);

    Entitlement entitlement = evaluate(trial, END);

    assertThat(entitlement).isEqualTo(new Entitlement(true, Reason.TRIAL, trial, null));
    assertThat(entitlement.describe()).isEqualTo("entitled: trialing");
  }

  @Test
  void entitles_an_active_subscription_without_end_even_after_its_period() {
    Subscription active = recurring(SubscriptionStatus.ACTIVE, END, false);

    Entitlement entitlement = evaluate(active, END.plus(Duration.ofDays(10)));

    assertThat(entitlement).isEqualTo(new Entitlement(true, Reason.ACTIVE, active, null));
  }

  @Test
  void entitles_an_active_subscription_canceling_at_period_end_until_that_end() {
    Subscription canceling = recurring(SubscriptionStatus.ACTIVE, END, true);

    Entitlement entitlement = evaluate(canceling, BEFORE_END);

    assertThat(entitlement)
        .isEqualTo(new Entitlement(true, Reason.CANCELING_AT_PERIOD_END, canceling, END));
  }

  @Test
  void ends_an_active_subscription_canceling_at_period_end_exactly_at_that_end() {
    Subscription canceling = recurring(SubscriptionStatus.ACTIVE, END, true);

    Entitlement entitlement = evaluate(canceling, END);

    assertThat(entitlement).isEqualTo(new Entitlement(false, Reason.PERIOD_ENDED, canceling, END));
  }

  @Test
  void entitles_an_active_subscription_canceling_without_period_end() {
    Subscription canceling = recurring(SubscriptionStatus.ACTIVE, null, true);

    Entitlement entitlement = evaluate(canceling, END);

    assertThat(entitlement.reason()).isEqualTo(Reason.ACTIVE);
  }

  @Test
  void entitles_a_past_due_subscription_until_just_before_the_grace_ends() {
    Subscription pastDue = recurring(SubscriptionStatus.PAST_DUE, END, false);
    Instant graceEnd = END.plus(EntitlementPolicy.DEFAULT_GRACE);

    Entitlement entitlement = evaluate(pastDue, graceEnd.minusNanos(1));

    assertThat(entitlement)
        .isEqualTo(new Entitlement(true, Reason.PAST_DUE_GRACE, pastDue, graceEnd));
    assertThat(graceEnd).isEqualTo(Instant.parse("2027-01-03T00:00:00Z"));
  }

  @Test
  void ends_a_past_due_subscription_exactly_when_the_grace_ends() {
    Subscription pastDue = recurring(SubscriptionStatus.PAST_DUE, END, false);
    Instant graceEnd = END.plus(EntitlementPolicy.DEFAULT_GRACE);

    Entitlement entitlement = evaluate(pastDue, graceEnd);

    assertThat(entitlement)
        .isEqualTo(new Entitlement(false, Reason.GRACE_EXPIRED, pastDue, graceEnd));
  }

  @Test
  void gives_no_grace_to_a_past_due_subscription_without_period_end() {
    Subscription pastDue = recurring(SubscriptionStatus.PAST_DUE, null, false);

    Entitlement entitlement = evaluate(pastDue, CREATED);

    assertThat(entitlement).isEqualTo(new Entitlement(false, Reason.GRACE_EXPIRED, pastDue, null));
  }

  @Test
  void honours_a_configured_grace_period() {
    EntitlementPolicy noGrace = new EntitlementPolicy(Duration.ZERO);
    Subscription pastDue = recurring(SubscriptionStatus.PAST_DUE, END, false);

    assertThat(noGrace.evaluate(List.of(pastDue), BEFORE_END).reason())
        .isEqualTo(Reason.PAST_DUE_GRACE);
    assertThat(noGrace.evaluate(List.of(pastDue), END).reason()).isEqualTo(Reason.GRACE_EXPIRED);
  }

  @Test
  void entitles_a_canceled_subscription_until_the_end_of_its_period() {
    Subscription canceled = recurring(SubscriptionStatus.CANCELED, END, true);

    assertThat(evaluate(canceled, BEFORE_END))
        .isEqualTo(new Entitlement(true, Reason.CANCELING_AT_PERIOD_END, canceled, END));
    assertThat(evaluate(canceled, END))
        .isEqualTo(new Entitlement(false, Reason.CANCELED, canceled, END));
  }

  @Test
  void does_not_entitle_a_subscription_canceled_at_once() {
    Subscription canceled = recurring(SubscriptionStatus.CANCELED, END, false);

    Entitlement entitlement = evaluate(canceled, BEFORE_END);

    assertThat(entitlement).isEqualTo(new Entitlement(false, Reason.CANCELED, canceled, null));
    assertThat(entitlement.describe()).isEqualTo("not entitled: canceled");
  }

  @ParameterizedTest
  @EnumSource(
      value = SubscriptionStatus.class,
      names = {"UNPAID", "INCOMPLETE", "INCOMPLETE_EXPIRED", "PAUSED"})
  void does_not_entitle_an_unpaid_subscription(SubscriptionStatus status) {
    Subscription unpaid = recurring(status, END, false);

    Entitlement entitlement = evaluate(unpaid, CREATED);

    assertThat(entitlement).isEqualTo(new Entitlement(false, Reason.NOT_PAID, unpaid, null));
  }

  @ParameterizedTest
  @EnumSource(
      value = SubscriptionStatus.class,
      names = {"TRIALING", "ACTIVE", "PAST_DUE", "PAUSED"})
  void entitles_a_one_time_payment_for_good(SubscriptionStatus status) {
    Subscription paid = oneTime(status);

    Entitlement entitlement = evaluate(paid, Instant.parse("2099-01-01T00:00:00Z"));

    assertThat(entitlement).isEqualTo(new Entitlement(true, Reason.ONE_TIME_PAYMENT, paid, null));
  }

  @ParameterizedTest
  @EnumSource(
      value = SubscriptionStatus.class,
      names = {"CANCELED", "UNPAID", "INCOMPLETE", "INCOMPLETE_EXPIRED"})
  void does_not_entitle_a_refunded_or_failed_one_time_payment(SubscriptionStatus status) {
    Subscription refunded = oneTime(status);

    Entitlement entitlement = evaluate(refunded, CREATED);

    assertThat(entitlement).isEqualTo(new Entitlement(false, Reason.NOT_PAID, refunded, null));
  }

  @Test
  void does_not_entitle_a_tenant_without_subscriptions() {
    Entitlement entitlement = policy.evaluate(List.of(), CREATED);

    assertThat(entitlement).isEqualTo(new Entitlement(false, Reason.NO_SUBSCRIPTION, null, null));
    assertThat(entitlement.describe()).isEqualTo("not entitled: no subscription");
  }

  @Test
  void entitles_when_any_one_subscription_entitles() {
    Subscription ended = Subscription.trial(Id.random(), tenant, "pro", CREATED, CREATED);
    Subscription pastDue = recurring(SubscriptionStatus.PAST_DUE, END, false);

    Entitlement entitlement = policy.evaluate(List.of(ended, pastDue), END);

    assertThat(entitlement.entitled()).isTrue();
    assertThat(entitlement.basis()).isEqualTo(pastDue);
  }

  @Test
  void rests_on_the_subscription_entitling_longest() {
    Subscription trial = Subscription.trial(Id.random(), tenant, "pro", END, CREATED);
    Subscription longer = recurring(SubscriptionStatus.ACTIVE, END.plusSeconds(60), true);

    Entitlement entitlement = policy.evaluate(List.of(trial, longer), CREATED);

    assertThat(entitlement.basis()).isEqualTo(longer);
    assertThat(entitlement.until()).isEqualTo(END.plusSeconds(60));
  }

  @Test
  void prefers_an_entitlement_without_end() {
    Subscription trial = Subscription.trial(Id.random(), tenant, "pro", END, CREATED);
    Subscription active = recurring(SubscriptionStatus.ACTIVE, CREATED, false);
    Subscription canceling = recurring(SubscriptionStatus.ACTIVE, END, true);

    Entitlement entitlement = policy.evaluate(List.of(trial, active, canceling), CREATED);

    assertThat(entitlement).isEqualTo(new Entitlement(true, Reason.ACTIVE, active, null));
  }

  @Test
  void takes_the_reason_from_the_newest_subscription_when_none_entitles() {
    Subscription oldTrial =
        createdAt(Subscription.trial(Id.random(), tenant, "pro", CREATED, CREATED), CREATED);
    Subscription newest =
        createdAt(recurring(SubscriptionStatus.UNPAID, END, false), CREATED.plusSeconds(1));
    Subscription undated = createdAt(recurring(SubscriptionStatus.CANCELED, END, false), null);

    Entitlement entitlement = policy.evaluate(List.of(undated, oldTrial, newest), END);

    assertThat(entitlement).isEqualTo(new Entitlement(false, Reason.NOT_PAID, newest, null));
  }

  @Test
  void falls_back_to_an_undated_subscription_when_none_is_dated() {
    Subscription undated = createdAt(recurring(SubscriptionStatus.CANCELED, END, false), null);

    Entitlement entitlement = policy.evaluate(List.of(undated), END);

    assertThat(entitlement.reason()).isEqualTo(Reason.CANCELED);
    assertThat(entitlement.basis()).isEqualTo(undated);
  }

  @Test
  void rejects_a_negative_or_missing_grace_period() {
    assertThatThrownBy(() -> new EntitlementPolicy(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("grace");
    assertThatThrownBy(() -> new EntitlementPolicy(null)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void rejects_missing_arguments() {
    assertThatThrownBy(() -> policy.evaluate(null, END)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> policy.evaluate(List.of(), null))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void refuses_an_entitlement_that_contradicts_its_reason() {
    assertThatThrownBy(() -> new Entitlement(true, Reason.TRIAL_ENDED, null, null))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new Entitlement(false, Reason.ACTIVE, null, null))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void gives_every_reason_a_description() {
    for (Reason reason : Reason.values()) {
      assertThat(reason.description()).as(reason.name()).isNotBlank();
    }
  }
}
