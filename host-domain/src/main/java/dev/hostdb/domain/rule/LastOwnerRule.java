package dev.hostdb.domain.rule;

import dev.hostdb.domain.Membership;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * A tenant keeps at least one active owner: its last active owner can be neither demoted,
 * deactivated nor removed.
 *
 * <p>Both checks are pure functions of their arguments: the caller reads the tenant's memberships,
 * in the same transaction as the write, and passes them in. Memberships of other tenants in the
 * list are ignored. A tenant that had no active owner before the change is not blocked: the rule
 * only stops a change that takes away the last one.
 */
public final class LastOwnerRule {
  private LastOwnerRule() {}

  /**
   * Checks a change of one membership's role or active flag.
   *
   * @param tenantMemberships the tenant's memberships as stored before the change
   * @param before the membership before the change
   * @param after the same membership after the change
   * @throws ConflictException when {@code before} is the tenant's last active owner and {@code
   *     after} is not an active owner
   * @throws InvalidInputException when an argument is null or {@code before} and {@code after} are
   *     not the same membership
   */
  public static void checkChange(
      List<Membership> tenantMemberships, Membership before, Membership after) {
    requireList(tenantMemberships);
    if (before == null || after == null) {
      throw new InvalidInputException("membership", "both before and after are required");
    }
    if (!before.id().equals(after.id())) {
      throw new InvalidInputException(
          "membership",
          "before " + before.id() + " and after " + after.id() + " are different memberships");
    }

    if (after.isActiveOwner()) {
      return;
    }
    check(tenantMemberships, before, after.active() ? "demote" : "deactivate");
  }

  /**
   * Checks the removal of one membership.
   *
   * @param tenantMemberships the tenant's memberships as stored before the removal
   * @param removed the membership to remove
   * @throws ConflictException when {@code removed} is the tenant's last active owner
   * @throws InvalidInputException when an argument is null
   */
  public static void checkRemoval(List<Membership> tenantMemberships, Membership removed) {
    requireList(tenantMemberships);
    if (removed == null) {
      throw new InvalidInputException("membership", "the membership to remove is required");
    }

    check(tenantMemberships, removed, "remove");
  }

  private static void check(List<Membership> tenantMemberships, Membership gone, String operation) {
    if (!gone.isActiveOwner()) {
      return;
    }

    boolean otherOwnerRemains =
        tenantMemberships.stream()
            .filter(m -> m.tenantId().equals(gone.tenantId()))
            .filter(m -> !m.id().equals(gone.id()))
            .anyMatch(Membership::isActiveOwner);

    if (!otherOwnerRemains) {
      throw new ConflictException(
          operation
              + " membership "
              + gone.id()
              + ": user "
              + gone.userId()
              + " is the last active owner of tenant "
              + gone.tenantId());
    }
  }

  private static void requireList(List<Membership> tenantMemberships) {
    if (tenantMemberships == null || tenantMemberships.stream().anyMatch(Objects::isNull)) {
      throw new InvalidInputException("tenant memberships", "a list without nulls is required");
    }
  }
}
