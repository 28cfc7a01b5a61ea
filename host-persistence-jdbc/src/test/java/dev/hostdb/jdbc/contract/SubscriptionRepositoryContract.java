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
import dev.hostdb.domain.error.NotFoundException;
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
