package dev.hostdb.domain.port;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.Subscription;
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
}
