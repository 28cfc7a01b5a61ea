package dev.hostdb.domain;

import java.time.Instant;

/**
 * A user's place in a tenant ({@code core_memberships}): one per user and tenant.
 *
 * @param id the membership's id
 * @param userId the member
 * @param tenantId the tenant
 * @param profileId the member's profile in the tenant's own database
 * @param metaAttributes JSON text kept as given, or null
 * @param role what the member may do
 * @param active whether the membership grants access
 * @param createdAt when the membership was created
 */
public record Membership(
    Id id,
    Id userId,
    Id tenantId,
    String profileId,
    String metaAttributes,
    Role role,
    boolean active,
    Instant createdAt) {

  public Membership {
    Checks.required("id", id);
    Checks.required("user_id", userId);
    Checks.required("tenant_id", tenantId);
    Checks.requiredText("profile_id", profileId);
    Checks.required("role", role);
    Checks.required("created_at", createdAt);
  }

  /** A new active membership whose profile id is the membership's own id. */
  public static Membership create(Id id, Id userId, Id tenantId, Role role, Instant createdAt) {
    return new Membership(id, userId, tenantId, id.value(), null, role, true, createdAt);
  }

  /** This membership with another role. */
  public Membership withRole(Role role) {
    return new Membership(id, userId, tenantId, profileId, metaAttributes, role, active, createdAt);
  }

  /** This membership, active or not. */
  public Membership withActive(boolean active) {
    return new Membership(id, userId, tenantId, profileId, metaAttributes, role, active, createdAt);
  }

  /** Whether this is an active owner. */
  public boolean isActiveOwner() {
    return active && role == Role.OWNER;
  }
}
