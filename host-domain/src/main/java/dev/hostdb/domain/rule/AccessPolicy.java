package dev.hostdb.domain.rule;

import static dev.hostdb.domain.rule.AccessDecision.Reason.MEMBER;
import static dev.hostdb.domain.rule.AccessDecision.Reason.MEMBERSHIP_INACTIVE;
import static dev.hostdb.domain.rule.AccessDecision.Reason.NOT_ENTITLED;
import static dev.hostdb.domain.rule.AccessDecision.Reason.NO_MEMBERSHIP;
import static dev.hostdb.domain.rule.AccessDecision.Reason.NO_SUCH_TENANT;
import static dev.hostdb.domain.rule.AccessDecision.Reason.NO_SUCH_USER;
import static dev.hostdb.domain.rule.AccessDecision.Reason.SYSTEM_ADMIN;
import static dev.hostdb.domain.rule.AccessDecision.Reason.TENANT_SUSPENDED;
import static dev.hostdb.domain.rule.AccessDecision.Reason.USER_INACTIVE;

import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.InvalidInputException;

/**
 * Who may enter which tenant, and with which role.
 *
 * <p>The rules, first match wins:
 *
 * <ol>
 *   <li>no user: denied, {@code NO_SUCH_USER};
 *   <li>an inactive user: denied, {@code USER_INACTIVE};
 *   <li>no tenant: denied, {@code NO_SUCH_TENANT};
 *   <li>a suspended tenant: denied, {@code TENANT_SUSPENDED}, even for a system administrator;
 *   <li>an active membership: allowed, {@code MEMBER}, with the membership's role;
 *   <li>a system administrator: allowed, {@code SYSTEM_ADMIN}, as {@link Role#OWNER}: a system
 *       administrator may enter any active tenant with owner rights;
 *   <li>an inactive membership: denied, {@code MEMBERSHIP_INACTIVE};
 *   <li>otherwise: denied, {@code NO_MEMBERSHIP}.
 * </ol>
 *
 * <p>With the tenant's {@link Entitlement} ({@link #decide(User, Tenant, Membership,
 * Entitlement)}), one rule follows: a member of a tenant that is not entitled is denied, {@code
 * NOT_ENTITLED}, while a system administrator is still allowed in (to look into the billing of a
 * tenant, for example). A user who would be denied anyway learns nothing of the tenant's billing.
 */
public final class AccessPolicy {
  private AccessPolicy() {}

  /**
   * Decides whether {@code user} may enter {@code tenant}. Each argument is null when it was not
   * found.
   *
   * @param membership the user's membership in the tenant, or null when there is none
   * @throws InvalidInputException when {@code membership} belongs to another user or tenant
   */
  public static AccessDecision decide(User user, Tenant tenant, Membership membership) {
    if (user == null) {
      return AccessDecision.deny(NO_SUCH_USER);
    }
    if (!user.active()) {
      return AccessDecision.deny(USER_INACTIVE);
    }
    if (tenant == null) {
      return AccessDecision.deny(NO_SUCH_TENANT);
    }
    if (!tenant.active()) {
      return AccessDecision.deny(TENANT_SUSPENDED);
    }

    if (membership != null) {
      checkBelongs(membership, user, tenant);
    }
    if (membership != null && membership.active()) {
      return AccessDecision.allow(MEMBER, membership.role());
    }
    if (user.sysAdmin()) {
      return AccessDecision.allow(SYSTEM_ADMIN, Role.OWNER);
    }
    return AccessDecision.deny(membership == null ? NO_MEMBERSHIP : MEMBERSHIP_INACTIVE);
  }

  /**
   * Decides whether {@code user} may enter {@code tenant} given the tenant's billing state: the
   * rules of {@link #decide(User, Tenant, Membership)}, then a member of a tenant that is not
   * entitled is denied {@code NOT_ENTITLED}; a system administrator is allowed all the same.
   *
   * @param entitlement the tenant's entitlement now; may be null only when access is denied for
   *     another reason (no such user or tenant, for example)
   * @throws InvalidInputException when {@code membership} belongs to another user or tenant, or the
   *     entitlement is missing where it decides
   */
  public static AccessDecision decide(
      User user, Tenant tenant, Membership membership, Entitlement entitlement) {
    AccessDecision decision = decide(user, tenant, membership);
    if (!decision.allowed() || decision.reason() == SYSTEM_ADMIN) {
      return decision;
    }
    if (entitlement == null) {
      throw new InvalidInputException(
          "entitlement", "is required to decide access to tenant " + tenant.id());
    }
    if (entitlement.entitled()) {
      return decision;
    }
    return user.sysAdmin()
        ? AccessDecision.allow(SYSTEM_ADMIN, Role.OWNER)
        : AccessDecision.deny(NOT_ENTITLED);
  }

  private static void checkBelongs(Membership membership, User user, Tenant tenant) {
    if (!membership.userId().equals(user.id()) || !membership.tenantId().equals(tenant.id())) {
      throw new InvalidInputException(
          "membership",
          "membership "
              + membership.id()
              + " is of user "
              + membership.userId()
              + " in tenant "
              + membership.tenantId()
              + ", not of user "
              + user.id()
              + " in tenant "
              + tenant.id());
    }
  }
}
