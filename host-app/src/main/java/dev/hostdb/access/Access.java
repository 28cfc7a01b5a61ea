package dev.hostdb.access;

import dev.hostdb.domain.Id;
import java.util.List;

/**
 * Who may enter which tenant, answered for every request of the SaaS: {@code
 * HostDatabase.access()}.
 *
 * <p>Answers come from a cache (see {@link AccessCache} for its bounds). Every write through HostDB
 * that can change an answer evicts it before the write returns, so a check that starts after such a
 * write returned never sees the old answer. Writes that other processes make, or that bypass
 * HostDB, are seen once the cached answer's time to live ends.
 */
public interface Access {
  /**
   * Whether the user may enter the tenant now: the decision and its reason, the role, the route to
   * the tenant's database and the tenant's entitlement. A cache miss costs one SQL statement.
   */
  AccessResult access(Id userId, Id tenantId);

  /**
   * Every tenant the user may enter now as a member, by tenant name: one row of a tenant switcher
   * each. A tenant that is suspended or not entitled is left out; a system administrator sees the
   * tenants of their own memberships, not every tenant. Costs one SQL statement, and one more for
   * each tenant whose answer is not cached.
   */
  List<EnterableTenant> tenantsFor(Id userId);
}
