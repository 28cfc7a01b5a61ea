package dev.hostdb.domain;

import java.util.List;

/**
 * Everything an access decision about one user and one tenant rests on, as read together from the
 * host database.
 *
 * @param user the user, or null when no user has the id
 * @param tenant the tenant, or null when no tenant has the id
 * @param membership the user's membership in the tenant, or null when there is none
 * @param subscriptions the tenant's subscriptions, in no particular order; empty when the tenant
 *     has none or does not exist
 */
public record AccessFacts(
    User user, Tenant tenant, Membership membership, List<Subscription> subscriptions) {
  public AccessFacts {
    Checks.required("subscriptions", subscriptions);
    subscriptions = List.copyOf(subscriptions);
  }
}
