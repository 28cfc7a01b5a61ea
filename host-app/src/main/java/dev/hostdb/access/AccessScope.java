package dev.hostdb.access;

import dev.hostdb.domain.Id;
import java.util.Set;

/**
 * The users and tenants whose access answers a write may change: a user's state touches every
 * tenant of that user, a tenant's state or subscription every member of it, a membership one pair.
 *
 * @param users users whose every answer may change
 * @param tenants tenants whose every answer may change
 */
public record AccessScope(Set<Id> users, Set<Id> tenants) {
  public AccessScope {
    users = Set.copyOf(users);
    tenants = Set.copyOf(tenants);
  }

  /** A change to one user: state, system-admin flag. */
  public static AccessScope user(Id userId) {
    return new AccessScope(Set.of(userId), Set.of());
  }

  /** A change to one tenant: state, plan, subscription. */
  public static AccessScope tenant(Id tenantId) {
    return new AccessScope(Set.of(), Set.of(tenantId));
  }

  /** A change to one membership: role, state, existence. */
  public static AccessScope membership(Id userId, Id tenantId) {
    return new AccessScope(Set.of(userId), Set.of(tenantId));
  }
}
