package dev.hostdb.domain.rule;

import dev.hostdb.domain.Role;
import dev.hostdb.domain.error.InvalidInputException;

/**
 * Whether a user may enter a tenant, why, and with which role; made by {@link AccessPolicy}.
 *
 * @param allowed whether the user may enter the tenant
 * @param reason why; {@link Reason#MEMBER} or {@link Reason#SYSTEM_ADMIN} exactly when allowed
 * @param role the role the user acts with, or null when denied
 */
public record AccessDecision(boolean allowed, AccessDecision.Reason reason, Role role) {

  /** Why access was allowed or denied. */
  public enum Reason {
    /** Allowed: the user has an active membership in the tenant. */
    MEMBER("active member of the tenant", true),
    /** Allowed: the user administers the whole SaaS. */
    SYSTEM_ADMIN("system administrator", true),
    /** Denied: the user does not exist. */
    NO_SUCH_USER("no such user", false),
    /** Denied: the user may not sign in at all. */
    USER_INACTIVE("user is inactive", false),
    /** Denied: the tenant does not exist. */
    NO_SUCH_TENANT("no such tenant", false),
    /** Denied: the tenant is suspended. */
    TENANT_SUSPENDED("tenant is suspended", false),
    /** Denied: the user is not a member of the tenant. */
    NO_MEMBERSHIP("user is not a member of the tenant", false),
    /** Denied: the user's membership in the tenant is inactive. */
    MEMBERSHIP_INACTIVE("membership is inactive", false),
    /** Denied: the tenant's billing state does not entitle it to the service. */
    NOT_ENTITLED("tenant is not entitled", false);

    private final String description;
    private final boolean allows;

    Reason(String description, boolean allows) {
      this.description = description;
      this.allows = allows;
    }

    /** A short text for people, such as {@code "tenant is suspended"}. */
    public String description() {
      return description;
    }
  }

  public AccessDecision {
    if (reason == null) {
      throw new InvalidInputException("reason", "is required");
    }
    if (allowed != reason.allows) {
      throw new InvalidInputException(
          "reason", reason + " cannot " + (allowed ? "allow" : "deny") + " access");
    }
    if (allowed == (role == null)) {
      throw new InvalidInputException(
          "role", allowed ? "is required when access is allowed" : "must be null when denied");
    }
  }

  /** Access allowed for {@code reason} with {@code role}. */
  public static AccessDecision allow(Reason reason, Role role) {
    return new AccessDecision(true, reason, role);
  }

  /** Access denied for {@code reason}. */
  public static AccessDecision deny(Reason reason) {
    return new AccessDecision(false, reason, null);
  }
}
