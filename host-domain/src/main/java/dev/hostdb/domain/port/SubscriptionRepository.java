package dev.hostdb.domain.port;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Billing state ({@code core_subscriptions}). */
public interface SubscriptionRepository {
  /**
   * Stores a new subscription.
   *
   * @throws dev.hostdb.domain.error.NotFoundException when the tenant does not exist
   * @throws dev.hostdb.domain.error.ConflictException when the id or the provider's subscription id
   *     is taken
   */
  Subscription create(Subscription subscription);

  /** The subscription with this id. */
  Optional<Subscription> findById(Id id);

  /** The tenant's subscriptions, newest first. */
  List<Subscription> listByTenant(Id tenantId);

  /** The number of subscriptions. */
  long count();

  /** The subscription with this provider (Stripe) subscription id. */
  Optional<Subscription> findByStripeId(String stripeSubscriptionId);

  /**
   * Stores the provider's state of a subscription as of {@code eventAt}, keyed by its provider
   * subscription id: inserts it when new, else replaces every field but the id and creation time. A
   * stored state from a later event is kept: the write is skipped and false returned. The
   * comparison and the write are one statement, so concurrent writers cannot interleave.
   *
   * @param subscription the state; its provider subscription id is required
   * @param eventAt when the provider produced this state ({@code provider_event_at})
   * @return true when written, false when the stored state is newer
   * @throws dev.hostdb.domain.error.InvalidInputException when the provider id is missing
   * @throws dev.hostdb.domain.error.NotFoundException when the tenant does not exist
   */
  boolean upsertFromProvider(Subscription subscription, Instant eventAt);

  /**
   * Records that the provider's event was processed ({@code sys_billing_events}), unless it was
   * already; inside a transaction the record commits with the work it guards.
   *
   * @return true the first time the event id is recorded, false for a redelivery
   */
  boolean recordProviderEvent(String eventId, String stripeSubscriptionId, Instant receivedAt);
}
