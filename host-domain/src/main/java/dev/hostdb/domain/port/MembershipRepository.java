package dev.hostdb.domain.port;

import dev.hostdb.domain.AccessFacts;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.TenantAccess;
import java.util.List;
import java.util.Optional;

/**
 * Memberships ({@code core_memberships}): which user is in which tenant with which role.
 *
 * <p>Every change keeps at least one active owner in each tenant that has one (see {@link
 * dev.hostdb.domain.rule.LastOwnerRule}).
 */
public interface MembershipRepository {
  /**
   * Stores a new membership.
   *
   * @throws dev.hostdb.domain.error.NotFoundException when the user or the tenant does not exist
   * @throws dev.hostdb.domain.error.ConflictException when the user is already in the tenant
   */
  Membership create(Membership membership);

  /** The membership with this id. */
  Optional<Membership> findById(Id id);

  /** The user's membership in the tenant. */
  Optional<Membership> find(Id userId, Id tenantId);

  /** The tenant's memberships, oldest first. */
  List<Membership> listByTenant(Id tenantId);

  /** The user's memberships, oldest first. */
  List<Membership> listByUser(Id userId);

  /**
   * The tenants the user may enter as a member, by tenant name: the user, the membership and the
   * tenant are all active. One statement. Billing entitlement is not considered here.
   */
  List<TenantAccess> enterableTenants(Id userId);

  /**
   * What an access decision about the user and the tenant rests on: the user, the tenant, the
   * user's membership in the tenant and the tenant's subscriptions, each as stored, read in one
   * statement so that they are consistent with each other and cost one round trip. A user, tenant
   * or membership that does not exist is null in the result; nothing is thrown for it.
   */
  AccessFacts accessFacts(Id userId, Id tenantId);

  /**
   * Replaces the role, active flag, profile id and meta attributes of a stored membership.
   *
   * @throws dev.hostdb.domain.error.NotFoundException when no membership has the id
   * @throws dev.hostdb.domain.error.ConflictException when the change would leave the tenant
   *     without an active owner
   */
  Membership update(Membership membership);

  /**
   * Removes a membership.
   *
   * @throws dev.hostdb.domain.error.NotFoundException when no membership has the id
   * @throws dev.hostdb.domain.error.ConflictException when it is the tenant's last active owner
   */
  void delete(Id membershipId);

  /** The number of memberships. */
  long count();
}
