package dev.hostdb.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.PaymentType;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SubscriptionStatus;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.rule.Entitlement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class BillingTest extends TenancyFixture {
  Tenant acme;

  @BeforeEach
  void tenant() {
    acme = newTenant("Acme");
  }

  @Test
  void an_event_creates_the_subscription_and_is_audited() {
    BillingOutcome outcome = db.billing().record(event("evt_1", 10, SubscriptionStatus.ACTIVE));

    assertThat(outcome).isEqualTo(BillingOutcome.APPLIED);
    Subscription stored = db.subscriptions().findByStripeId("sub_1").orElseThrow();
    assertThat(stored.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(stored.tenantId()).isEqualTo(acme.id());
    assertThat(stored.currentPeriodEnd()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    assertThat(auditedEvents(stored.id())).containsExactly("subscription.updated");
  }

  @Test
  void a_redelivered_event_changes_nothing() {
    db.billing().record(event("evt_1", 10, SubscriptionStatus.ACTIVE));
    db.billing().record(event("evt_2", 20, SubscriptionStatus.PAST_DUE));
    Subscription before = db.subscriptions().findByStripeId("sub_1").orElseThrow();
    long entries = db.auditLog().count();

    BillingOutcome outcome = db.billing().record(event("evt_1", 10, SubscriptionStatus.ACTIVE));

    assertThat(outcome).isEqualTo(BillingOutcome.DUPLICATE);
    assertThat(db.subscriptions().findByStripeId("sub_1")).contains(before);
    assertThat(db.auditLog().count()).isEqualTo(entries);
  }

  @Test
  void an_event_older_than_the_stored_state_is_ignored() {
    db.billing().record(event("evt_late", 20, SubscriptionStatus.CANCELED));
    long entries = db.auditLog().count();

    BillingOutcome outcome = db.billing().record(event("evt_early", 10, SubscriptionStatus.ACTIVE));

    assertThat(outcome).isEqualTo(BillingOutcome.STALE);
    assertThat(db.subscriptions().findByStripeId("sub_1").orElseThrow().status())
        .isEqualTo(SubscriptionStatus.CANCELED);
    assertThat(db.auditLog().count()).isEqualTo(entries);
    assertThat(db.billing().record(event("evt_early", 10, SubscriptionStatus.ACTIVE)))
        .isEqualTo(BillingOutcome.DUPLICATE);
  }

  @Test
  void a_newer_event_updates_the_subscription_in_place() {
    db.billing().record(event("evt_1", 10, SubscriptionStatus.ACTIVE));
    Id id = db.subscriptions().findByStripeId("sub_1").orElseThrow().id();

    BillingOutcome outcome = db.billing().record(event("evt_2", 20, SubscriptionStatus.PAST_DUE));

    assertThat(outcome).isEqualTo(BillingOutcome.APPLIED);
    Subscription stored = db.subscriptions().findById(id).orElseThrow();
    assertThat(stored.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
    assertThat(db.subscriptions().listByTenant(acme.id())).hasSize(2); // the trial and this one
  }

  @Test
  void two_deliveries_of_one_event_at_once_apply_it_exactly_once() throws Exception {
    BillingEvent event = event("evt_race", 10, SubscriptionStatus.ACTIVE);
    int deliveries = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(deliveries);
    try {
      List<Future<BillingOutcome>> outcomes = new ArrayList<>();
      Callable<BillingOutcome> deliver =
          () -> {
            start.await();
            return db.billing().record(event);
          };
      for (int i = 0; i < deliveries; i++) {
        outcomes.add(pool.submit(deliver));
      }
      start.countDown();

      List<BillingOutcome> results = new ArrayList<>();
      for (Future<BillingOutcome> outcome : outcomes) {
        results.add(outcome.get());
      }

      assertThat(results).containsOnlyOnce(BillingOutcome.APPLIED);
      assertThat(results).filteredOn(BillingOutcome.DUPLICATE::equals).hasSize(deliveries - 1);
      assertThat(db.auditLog().recent(100))
          .filteredOn(e -> e.eventType().equals("subscription.updated"))
          .hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void an_event_for_an_unknown_tenant_records_nothing_so_a_later_delivery_can_apply() {
    BillingEvent ghost =
        new BillingEvent(
            "evt_ghost",
            NOW,
            "sub_9",
            null,
            Id.random(),
            "pro",
            SubscriptionStatus.ACTIVE,
            null,
            false,
            null,
            PaymentType.SUBSCRIPTION,
            null,
            null);

    assertThatThrownBy(() -> db.billing().record(ghost)).isInstanceOf(NotFoundException.class);

    assertThat(db.subscriptions().findByStripeId("sub_9")).isEmpty();
    assertThat(db.subscriptions().recordProviderEvent("evt_ghost", "sub_9", NOW)).isTrue();
  }

  @Test
  void entitlement_follows_the_stored_subscriptions_and_the_grace_period() {
    db.billing().record(event("evt_1", 10, SubscriptionStatus.PAST_DUE));
    Instant periodEnd = NOW.plus(Duration.ofDays(30));
    Instant afterTrial = NOW.plus(Duration.ofDays(15));

    Entitlement inGrace = db.billing().entitlement(acme.id(), periodEnd.plus(Duration.ofDays(2)));
    Entitlement graceOver = db.billing().entitlement(acme.id(), periodEnd.plus(Duration.ofDays(4)));
    Entitlement longGrace =
        db.billing(Duration.ofDays(7)).entitlement(acme.id(), periodEnd.plus(Duration.ofDays(4)));
    Entitlement trialing = db.billing().entitlement(acme.id(), NOW);

    assertThat(inGrace.reason()).isEqualTo(Entitlement.Reason.PAST_DUE_GRACE);
    assertThat(graceOver.entitled()).isFalse();
    assertThat(longGrace.entitled()).isTrue();
    assertThat(trialing.entitled()).isTrue();
    assertThat(db.billing().entitlement(acme.id(), afterTrial).reason())
        .isEqualTo(Entitlement.Reason.PAST_DUE_GRACE);
  }

  @Test
  void entitlement_of_an_unknown_tenant_is_not_found() {
    assertThatThrownBy(() -> db.billing().entitlement(Id.random(), NOW))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void an_applied_event_tells_the_access_hook_its_tenant() {
    new Billing(recordingPorts(), Duration.ZERO)
        .record(event("evt_1", 10, SubscriptionStatus.ACTIVE));

    assertThat(invalidated).containsExactly(AccessScope.tenant(acme.id()));
  }

  private BillingEvent event(String id, int secondsAfterNow, SubscriptionStatus status) {
    return new BillingEvent(
        id,
        NOW.plusSeconds(secondsAfterNow),
        "sub_1",
        "cus_1",
        acme.id(),
        "pro",
        status,
        NOW.plus(Duration.ofDays(30)),
        false,
        null,
        PaymentType.SUBSCRIPTION,
        null,
        "Pro monthly");
  }
}
