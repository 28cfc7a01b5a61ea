package dev.hostdb.access;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.rule.AccessDecision;
import dev.hostdb.domain.rule.Entitlement;
import java.util.Objects;

/**
 * The answer to "may this user enter this tenant?".
 *
 * @param userId the user asked about
 * @param tenantId the tenant asked about
 * @param decision allowed or denied, why, and the role
 * @param route the tenant's database when access is allowed, else null; its password shows in no
 *     {@code toString}
 * @param entitlement the tenant's billing state when the tenant exists, else null
 */
public record AccessResult(
    Id userId, Id tenantId, AccessDecision decision, DatabaseUrl route, Entitlement entitlement) {
  public AccessResult {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(decision, "decision");
  }

  /** Whether the user may enter the tenant. */
  public boolean allowed() {
    return decision.allowed();
  }

  /** Why access was allowed or denied. */
  public AccessDecision.Reason reason() {
    return decision.reason();
  }

  /** The role the user acts with, or null when denied. */
  public Role role() {
    return decision.role();
  }
}
