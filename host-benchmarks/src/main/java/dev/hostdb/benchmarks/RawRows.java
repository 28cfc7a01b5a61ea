package dev.hostdb.benchmarks;

import dev.hostdb.domain.Cents;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.PaymentType;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SubscriptionStatus;
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

  /** A tenant from {@code id, name, db_url, is_active, plan_tier, created_at} at {@code at..}. */
  static Tenant tenant(ResultSet rs, int at) throws SQLException {
    return new Tenant(
        Id.of(rs.getString(at)),
        rs.getString(at + 1),
        DatabaseUrl.parse(rs.getString(at + 2)),
        bool(rs, at + 3, true),
        rs.getString(at + 4),
        Timestamps.parse("created_at", rs.getString(at + 5)));
  }

  /**
   * A membership from {@code id, user_id, tenant_id, profile_id, meta_attributes, role, is_active,
   * created_at} at {@code at..}.
   */
  static Membership membership(ResultSet rs, int at) throws SQLException {
    return new Membership(
        Id.of(rs.getString(at)),
        Id.of(rs.getString(at + 1)),
        Id.of(rs.getString(at + 2)),
        rs.getString(at + 3),
        rs.getString(at + 4),
        Role.fromCode(rs.getString(at + 5)),
        bool(rs, at + 6, true),
        Timestamps.parse("created_at", rs.getString(at + 7)));
  }

  /**
   * A subscription from {@code id, tenant_id, stripe_sub_id, stripe_cust_id, plan_tier, status,
   * current_period_end, cancel_at_period_end, payment_type, amount_cents, product_name, trial_end,
   * created_at} at {@code at..}.
   */
  static Subscription subscription(ResultSet rs, int at) throws SQLException {
    long amount = rs.getLong(at + 9);
    Cents cents = rs.wasNull() ? null : new Cents(amount);
    return new Subscription(
        Id.of(rs.getString(at)),
        Id.of(rs.getString(at + 1)),
        rs.getString(at + 2),
        rs.getString(at + 3),
        rs.getString(at + 4),
        SubscriptionStatus.fromCode(rs.getString(at + 5)),
        Timestamps.parse("current_period_end", rs.getString(at + 6)),
        bool(rs, at + 7, false),
        PaymentType.fromCode(rs.getString(at + 8)),
        cents,
        rs.getString(at + 10),
        Timestamps.parse("trial_end", rs.getString(at + 11)),
        Timestamps.parse("created_at", rs.getString(at + 12)));
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
