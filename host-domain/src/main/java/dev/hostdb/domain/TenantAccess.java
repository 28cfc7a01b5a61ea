package dev.hostdb.domain;

/**
 * A tenant that a user may enter, with the role they enter it with: one row of a tenant switcher.
 *
 * @param tenant the tenant, with the route to its database
 * @param role the user's role there
 * @param membershipId the membership that grants the access
 */
public record TenantAccess(Tenant tenant, Role role, Id membershipId) {
  public TenantAccess {
    Checks.required("tenant", tenant);
    Checks.required("role", role);
    Checks.required("membership_id", membershipId);
  }
}
