package dev.hostdb.access;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.rule.Entitlement;
import java.util.Objects;

/**
 * A tenant a user may enter now: one row of a tenant switcher.
 *
 * @param tenant the tenant, with the route to its database
 * @param role the role the user enters it with
 * @param membershipId the membership that grants the access
 * @param entitlement the tenant's billing state, such as a trial and when it ends
 */
public record EnterableTenant(Tenant tenant, Role role, Id membershipId, Entitlement entitlement) {
  public EnterableTenant {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(membershipId, "membershipId");
    Objects.requireNonNull(entitlement, "entitlement");
  }

  /** The tenant's database; its password shows in no {@code toString}. */
  public DatabaseUrl route() {
    return tenant.dbUrl();
  }
}
