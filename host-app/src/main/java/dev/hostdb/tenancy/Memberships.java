package dev.hostdb.tenancy;

import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Json;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.NotFoundException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Who is in which tenant with which role. Every change is one transaction with its audit entry
 * ({@code membership.added}, {@code membership.role_changed}, {@code membership.deactivated},
 * {@code membership.removed}).
 *
 * <p>A tenant keeps at least one active owner: its last active owner can be neither removed,
 * deactivated nor demoted ({@link dev.hostdb.domain.rule.LastOwnerRule}, enforced by the repository
 * under a lock on the tenant).
 */
public final class Memberships {
  private final TenancyPorts ports;

  /** The service over {@code ports}; {@link dev.hostdb.HostDatabase#members()} gives one. */
  public Memberships(TenancyPorts ports) {
    this.ports = ports;
  }

  /**
   * Adds the user to the tenant with {@code role}; the profile id is the membership's own id and
   * there are no meta attributes.
   *
   * @see #add(Id, Id, Role, String, String, RequestContext)
   */
  public Membership add(Id tenantId, Id userId, Role role, RequestContext ctx) {
    return add(tenantId, userId, role, null, null, ctx);
  }

  /**
   * Adds the user to the tenant with {@code role}.
   *
   * @param profileId the member's profile in the tenant's own database, or null for the
   *     membership's own id
   * @param metaAttributes a JSON object or array, kept as given, or null
   * @throws NotFoundException when the user or the tenant does not exist
   * @throws ConflictException when the user is already in the tenant, or the tenant is deleted
   * @throws dev.hostdb.domain.error.InvalidInputException when {@code metaAttributes} is not a JSON
   *     object or array
   */
  public Membership add(
      Id tenantId,
      Id userId,
      Role role,
      String profileId,
      String metaAttributes,
      RequestContext ctx) {
    TenancyPorts.requireContext(ctx);
    TenancyPorts.requireId("tenant_id", tenantId);
    TenancyPorts.requireId("user_id", userId);
    if (metaAttributes != null) {
      JsonText.requireObjectOrArray("meta_attributes", metaAttributes);
    }
    Id id = ports.ids().next();
    String operation = "add user " + userId + " to tenant " + tenantId;
    return ports.write(
        AccessScope.membership(userId, tenantId),
        () -> {
          ports.requireNotDeleted(operation, tenantId);
          Membership added =
              ports
                  .memberships()
                  .create(
                      new Membership(
                          id,
                          userId,
                          tenantId,
                          profileId == null ? id.value() : profileId,
                          metaAttributes,
                          role,
                          true,
                          ports.now()));
          ports.audit(
              ctx,
              "membership.added",
              id,
              details(added, "role", role == null ? null : role.code()));
          return added;
        });
  }

  /**
   * Gives the member another role.
   *
   * @throws NotFoundException when the user is not in the tenant
   * @throws ConflictException when it would demote the tenant's last active owner
   */
  public Membership changeRole(Id tenantId, Id userId, Role role, RequestContext ctx) {
    return change(
        tenantId,
        userId,
        "change role of",
        "membership.role_changed",
        ctx,
        m -> m.withRole(role),
        role == null ? null : role.code());
  }

  /**
   * Keeps the membership but stops it granting access.
   *
   * @throws NotFoundException when the user is not in the tenant
   * @throws ConflictException when it is the tenant's last active owner
   */
  public Membership deactivate(Id tenantId, Id userId, RequestContext ctx) {
    return change(
        tenantId,
        userId,
        "deactivate",
        "membership.deactivated",
        ctx,
        m -> m.withActive(false),
        null);
  }

  /**
   * Removes the user from the tenant.
   *
   * @throws NotFoundException when the user is not in the tenant
   * @throws ConflictException when it is the tenant's last active owner
   */
  public void remove(Id tenantId, Id userId, RequestContext ctx) {
    TenancyPorts.requireContext(ctx);
    String operation = "remove user " + userId + " from tenant " + tenantId;
    ports.write(
        scope(tenantId, userId),
        () -> {
          Membership removed = find(operation, tenantId, userId);
          ports.memberships().delete(removed.id());
          ports.audit(ctx, "membership.removed", removed.id(), details(removed));
          return null;
        });
  }

  /** The tenant's members, active or not, oldest first. */
  public List<Membership> ofTenant(Id tenantId) {
    return ports.memberships().listByTenant(TenancyPorts.requireId("tenant_id", tenantId));
  }

  /** The user's memberships in every tenant, active or not, oldest first. */
  public List<Membership> ofUser(Id userId) {
    return ports.memberships().listByUser(TenancyPorts.requireId("user_id", userId));
  }

  private Membership change(
      Id tenantId,
      Id userId,
      String verb,
      String eventType,
      RequestContext ctx,
      UnaryOperator<Membership> edit,
      String newRole) {
    TenancyPorts.requireContext(ctx);
    String operation = verb + " user " + userId + " in tenant " + tenantId;
    return ports.write(
        scope(tenantId, userId),
        () -> {
          Membership before = find(operation, tenantId, userId);
          Membership after = ports.memberships().update(edit.apply(before));
          String details =
              newRole == null
                  ? details(after)
                  : details(after, "from", before.role().code(), "to", newRole);
          ports.audit(ctx, eventType, after.id(), details);
          return after;
        });
  }

  private Membership find(String operation, Id tenantId, Id userId) {
    return ports
        .memberships()
        .find(userId, tenantId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    operation, "membership of user " + userId + " in tenant", tenantId));
  }

  private static AccessScope scope(Id tenantId, Id userId) {
    return AccessScope.membership(
        TenancyPorts.requireId("user_id", userId), TenancyPorts.requireId("tenant_id", tenantId));
  }

  private static String details(Membership m, String... more) {
    String[] all = new String[4 + more.length];
    all[0] = "user_id";
    all[1] = m.userId().value();
    all[2] = "tenant_id";
    all[3] = m.tenantId().value();
    System.arraycopy(more, 0, all, 4, more.length);
    return Json.object(all);
  }
}
