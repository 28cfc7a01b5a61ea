package dev.hostdb.benchmarks;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.TenantAccess;
import dev.hostdb.domain.Timestamps;
import dev.hostdb.domain.User;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The hand-written side's mapping: the same columns into the same domain records as HostDB's
 * adapter, read by position, so that a benchmark's ratio is what HostDB adds on top of the driver,
 * not the cost of building the records.
 */
final class RawRows {
  private RawRows() {}

  /** A user from {@code id, email, oauth_id, password_hash, stripe_cust_id, ...} at 1..9. */
  static User user(ResultSet rs) throws SQLException {
    return new User(
        Id.of(rs.getString(1)),
        Email.of(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        bool(rs, 6, false),
        bool(rs, 7, true),
        Timestamps.parse("created_at", rs.getString(8)),
        Timestamps.parse("last_login", rs.getString(9)));
  }

  /**
   * A tenant access from {@code t.id, name, db_url, is_active, plan_tier, created_at, role, m.id}.
   */
  static TenantAccess access(ResultSet rs) throws SQLException {
    Tenant tenant =
        new Tenant(
            Id.of(rs.getString(1)),
            rs.getString(2),
            DatabaseUrl.parse(rs.getString(3)),
            bool(rs, 4, true),
            rs.getString(5),
            Timestamps.parse("created_at", rs.getString(6)));
    return new TenantAccess(tenant, Role.fromCode(rs.getString(7)), Id.of(rs.getString(8)));
  }

  private static boolean bool(ResultSet rs, int column, boolean whenNull) throws SQLException {
    boolean value = rs.getBoolean(column);
    return rs.wasNull() ? whenNull : value;
  }

  /** Binds text that may be null. */
  static void text(PreparedStatement statement, int index, String value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }
}
