package dev.hostdb.domain.port;

import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import java.util.List;

/**
 * Writes many users, tenants and memberships in one call, as the reference's {@code insert_all}
 * does: in batches, in one transaction.
 */
public interface BulkImport {
  /**
   * Inserts users, then tenants, then memberships (which may refer to the users and tenants of the
   * same call). All rows are written or none: a bad row fails the whole call with an error that
   * names its list and position, such as {@code users[17]}, and nothing is written.
   *
   * @return how many rows of each kind were written
   * @throws dev.hostdb.domain.error.InvalidInputException when two rows of the call collide (same
   *     id, email, OAuth id, or user and tenant)
   * @throws dev.hostdb.domain.error.ConflictException when a row collides with a stored one
   * @throws dev.hostdb.domain.error.NotFoundException when a membership refers to a user or tenant
   *     that neither the call nor the database has
   */
  Counts insertAll(List<User> users, List<Tenant> tenants, List<Membership> memberships);

  /**
   * How many rows a bulk call wrote.
   *
   * @param users rows written to {@code core_users}
   * @param tenants rows written to {@code core_tenants}
   * @param memberships rows written to {@code core_memberships}
   */
  record Counts(int users, int tenants, int memberships) {
    /** The rows written in all. */
    public int total() {
      return users + tenants + memberships;
    }
  }
}
