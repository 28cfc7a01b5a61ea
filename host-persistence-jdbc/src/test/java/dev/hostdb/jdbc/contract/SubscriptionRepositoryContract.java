package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.Cents;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.PaymentType;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SubscriptionStatus;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every adapter's {@link dev.hostdb.domain.port.SubscriptionRepository} must do. */
public abstract class SubscriptionRepositoryContract extends StoreContract {

  @Test
  void keeps_every_field_of_a_subscription() {
    Tenant acme = newTenant("acme");
    Subscription paid =
        new Subscription(
            Id.random(),
            acme.id(),
            "sub_1",
            "cus_1",
            "pro",
            SubscriptionStatus.PAST_DUE,
            later(3600),
            true,
            PaymentType.ONE_TIME,
            new Cents(4999),
            "Pro lifetime",
            later(60),
            now);

    store.subscriptions().create(paid);

    assertThat(store.subscriptions().findById(paid.id())).contains(paid);
  }

  @Test
  void lists_a_tenants_subscriptions_newest_first() {
    Tenant acme = newTenant("acme");
    Subscription older = Subscription.trial(Id.random(), acme.id(), "starter", later(10), now);
    Subscription newer = Subscription.trial(Id.random(), acme.id(), "pro", later(20), later(5));
    store.subscriptions().create(older);
    store.subscriptions().create(newer);

    assertThat(store.subscriptions().listByTenant(acme.id())).containsExactly(newer, older);
    assertThat(store.subscriptions().listByTenant(Id.random())).isEmpty();
  }

  @Test
  void refuses_a_subscription_of_an_unknown_tenant() {
    Id ghost = Id.random();

    assertThatThrownBy(
            () ->
                store
                    .subscriptions()
                    .create(Subscription.trial(Id.random(), ghost, "pro", later(10), now)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());
  }

  @Test
  void rejects_a_second_subscription_with_the_same_provider_id() {
    Tenant acme = newTenant("acme");
    store.subscriptions().create(withProviderId(acme, "sub_dup"));

    assertThatThrownBy(() -> store.subscriptions().create(withProviderId(acme, "sub_dup")))
        .isInstanceOf(ConflictException.class);
    assertThat(store.subscriptions().count()).isEqualTo(1);
  }

  @Test
  void stores_a_new_provider_state_and_finds_it_by_provider_id() {
    Tenant acme = newTenant("acme");
    Subscription state = withProviderId(acme, "sub_new");

    boolean written = store.subscriptions().upsertFromProvider(state, later(1));

    assertThat(written).isTrue();
    assertThat(store.subscriptions().findByStripeId("sub_new")).contains(state);
    assertThat(store.subscriptions().findByStripeId("sub_other")).isEmpty();
  }

  @Test
  void a_later_provider_state_replaces_the_stored_one_but_keeps_its_id_and_creation_time() {
    Tenant acme = newTenant("acme");
    Subscription first = withProviderId(acme, "sub_1");
    store.subscriptions().upsertFromProvider(first, later(1));
    Subscription pastDue = withStatus(acme, "sub_1", SubscriptionStatus.PAST_DUE, later(9));

    boolean written = store.subscriptions().upsertFromProvider(pastDue, later(2));

    assertThat(written).isTrue();
    assertThat(store.subscriptions().findByStripeId("sub_1"))
        .contains(withStatus(acme, "sub_1", SubscriptionStatus.PAST_DUE, now, first.id()));
    assertThat(store.subscriptions().count()).isEqualTo(1);
  }

  @Test
  void an_earlier_provider_state_leaves_the_stored_one_alone() {
    Tenant acme = newTenant("acme");
    Subscription current = withProviderId(acme, "sub_1");
    store.subscriptions().upsertFromProvider(current, later(10));

    boolean written =
        store
            .subscriptions()
            .upsertFromProvider(
                withStatus(acme, "sub_1", SubscriptionStatus.CANCELED, now), later(5));

    assertThat(written).isFalse();
    assertThat(store.subscriptions().findByStripeId("sub_1")).contains(current);
  }

  @Test
  void a_provider_state_replaces_a_row_that_has_no_event_time() {
    Tenant acme = newTenant("acme");
    Subscription created = withProviderId(acme, "sub_1");
    store.subscriptions().create(created);

    boolean written =
        store
            .subscriptions()
            .upsertFromProvider(
                withStatus(acme, "sub_1", SubscriptionStatus.CANCELED, now), later(5));

    assertThat(written).isTrue();
    assertThat(store.subscriptions().findById(created.id()))
        .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(SubscriptionStatus.CANCELED));
  }

  @Test
  void refuses_a_provider_state_of_an_unknown_tenant() {
    Id ghost = Id.random();
    Subscription state =
        new Subscription(
            Id.random(),
            ghost,
            "sub_1",
            null,
            "pro",
            SubscriptionStatus.ACTIVE,
            null,
            false,
            PaymentType.SUBSCRIPTION,
            null,
            null,
            null,
            now);

    assertThatThrownBy(() -> store.subscriptions().upsertFromProvider(state, now))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());
    assertThat(store.subscriptions().count()).isZero();
  }

  @Test
  void refuses_a_provider_state_without_a_provider_id() {
    Tenant acme = newTenant("acme");
    Subscription trial = Subscription.trial(Id.random(), acme.id(), "pro", later(10), now);

    assertThatThrownBy(() -> store.subscriptions().upsertFromProvider(trial, now))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("stripe_sub_id");
  }

  @Test
  void records_a_provider_event_once() {
    boolean first = store.subscriptions().recordProviderEvent("evt_1", "sub_1", now);
    boolean again = store.subscriptions().recordProviderEvent("evt_1", "sub_1", later(5));
    boolean other = store.subscriptions().recordProviderEvent("evt_2", "sub_1", later(5));

    assertThat(first).isTrue();
    assertThat(again).isFalse();
    assertThat(other).isTrue();
  }

  @Test
  void a_provider_event_recorded_in_a_rolled_back_transaction_is_forgotten() {
    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          store.subscriptions().recordProviderEvent("evt_1", "sub_1", now);
                          throw new ConflictException("the work failed");
                        }))
        .isInstanceOf(ConflictException.class);

    assertThat(store.subscriptions().recordProviderEvent("evt_1", "sub_1", now)).isTrue();
  }

  private Subscription withStatus(
      Tenant tenant, String stripeId, SubscriptionStatus status, Instant createdAt) {
    return withStatus(tenant, stripeId, status, createdAt, Id.random());
  }

  private Subscription withStatus(
      Tenant tenant, String stripeId, SubscriptionStatus status, Instant createdAt, Id id) {
    return new Subscription(
        id,
        tenant.id(),
        stripeId,
        "cus_1",
        "pro",
        status,
        later(100),
        false,
        PaymentType.SUBSCRIPTION,
        null,
        null,
        null,
        createdAt);
  }

  private Subscription withProviderId(Tenant tenant, String stripeId) {
    return new Subscription(
        Id.random(),
        tenant.id(),
        stripeId,
        "cus_1",
        "pro",
        SubscriptionStatus.ACTIVE,
        later(100),
        false,
        PaymentType.SUBSCRIPTION,
        null,
        null,
        null,
        now);
  }
}
