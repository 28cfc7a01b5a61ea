package dev.hostdb.jdbc.schema;

import dev.hostdb.domain.error.ConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Counts the existing rows that a pending "constrain" changeset would reject, before any changeset
 * runs, so that a host database the Python code filled is refused with a precise message instead of
 * failing halfway through the upgrade.
 *
 * <p>Each rule mirrors one constraint of the changelog. Columns that become {@code NOT NULL DEFAULT
 * x} are not rules: the upgrade fills their NULLs with the default, and the CHECK rules look at the
 * value after that fill.
 */
final class ExistingRowsCheck {
  private static final int IDS_SHOWN = 3;

  private static final List<Rule> RULES =
      Stream.of(
              Rule.notNull("core_users", "id", "email", "created_at"),
              Rule.unique("core_users", "uq_core_users_email_normalized", "lower(trim(%s.email))"),
              Rule.unique("core_users", "uq_core_users_oauth_id", "%s.oauth_id"),
              Rule.notNull("core_tenants", "id", "name", "db_url", "created_at"),
              Rule.notNull("core_pricing_plans", "id", "name"),
              Rule.check(
                  "core_pricing_plans",
                  "ck_core_pricing_plans_amount_monthly",
                  "t.amount_monthly < 0"),
              Rule.check(
                  "core_pricing_plans",
                  "ck_core_pricing_plans_amount_yearly",
                  "t.amount_yearly < 0"),
              Rule.check(
                  "core_pricing_plans", "ck_core_pricing_plans_trial_days", "t.trial_days < 0"),
              Rule.notNull("sys_audit_logs", "id", "actor_user_id", "event_type", "created_at"),
              Rule.notNull("sys_jobs", "id", "job_type", "status", "created_at"),
              Rule.check(
                  "sys_jobs",
                  "ck_sys_jobs_status",
                  "t.status NOT IN ('pending', 'running', 'completed', 'failed', 'cancelled')"),
              Rule.notNull(
                  "core_memberships", "id", "user_id", "tenant_id", "profile_id", "created_at"),
              Rule.foreignKey(
                  "core_memberships", "fk_core_memberships_user", "user_id", "core_users"),
              Rule.foreignKey(
                  "core_memberships", "fk_core_memberships_tenant", "tenant_id", "core_tenants"),
              Rule.check(
                  "core_memberships",
                  "ck_core_memberships_role",
                  "COALESCE(t.role, 'member') NOT IN ('owner', 'admin', 'member')"),
              Rule.check(
                  "core_memberships",
                  "uq_core_memberships_user_tenant",
                  "EXISTS (SELECT 1 FROM core_memberships o WHERE o.user_id = t.user_id"
                      + " AND o.tenant_id = t.tenant_id AND o.id <> t.id)"),
              Rule.notNull("core_subscriptions", "id", "tenant_id", "plan_tier", "status"),
              Rule.foreignKey(
                  "core_subscriptions",
                  "fk_core_subscriptions_tenant",
                  "tenant_id",
                  "core_tenants"),
              Rule.check(
                  "core_subscriptions",
                  "ck_core_subscriptions_status",
                  "t.status NOT IN ('trialing', 'active', 'past_due', 'canceled', 'unpaid',"
                      + " 'incomplete', 'incomplete_expired', 'paused')"),
              Rule.check(
                  "core_subscriptions",
                  "ck_core_subscriptions_payment_type",
                  "COALESCE(t.payment_type, 'subscription') NOT IN ('subscription', 'one_time')"),
              Rule.check(
                  "core_subscriptions", "ck_core_subscriptions_amount_cents", "t.amount_cents < 0"),
              Rule.unique(
                  "core_subscriptions", "uq_core_subscriptions_stripe_sub_id", "%s.stripe_sub_id"))
          .flatMap(List::stream)
          .toList();

  private ExistingRowsCheck() {}

  /**
   * Throws when existing rows violate a constraint that a pending changeset adds.
   *
   * @param connection the database, read only
   * @param pendingChangeSets ids of the changesets that have not run yet
   * @param dbms Liquibase's short name of the database, which ends the constrain changeset ids
   * @param tableExists tells whether a table exists
   * @throws ConflictException naming every violated constraint, its table, the number of rows and
   *     up to three of their ids
   */
  static void verify(
      Connection connection,
      Set<String> pendingChangeSets,
      String dbms,
      Predicate<String> tableExists)
      throws SQLException {
    List<String> violations = new ArrayList<>();
    for (Rule rule : RULES) {
      boolean pending = pendingChangeSets.contains("constrain-" + rule.table() + "-" + dbms);
      if (pending && tableExists.test(rule.table())) {
        String condition = rule.condition(tableExists);
        violations.addAll(describe(connection, rule, condition));
      }
    }

    if (!violations.isEmpty()) {
      throw new ConflictException(
          "Cannot upgrade the host schema, existing rows violate the constraints it adds; fix"
              + " them and retry: "
              + String.join("; ", violations));
    }
  }

  private static List<String> describe(Connection connection, Rule rule, String condition)
      throws SQLException {
    String from = " FROM " + rule.table() + " t WHERE " + condition;
    long count = count(connection, "SELECT COUNT(*)" + from);
    if (count == 0) {
      return List.of();
    }

    List<String> ids = firstIds(connection, "SELECT t.id" + from + " ORDER BY t.id");
    String rows = count == 1 ? "1 row" : count + " rows";
    return List.of(
        String.format(
            "%s on %s: %s (ids %s)",
            rule.constraint(), rule.table(), rows, String.join(", ", ids)));
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static List<String> firstIds(Connection connection, String sql) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setMaxRows(IDS_SHOWN);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next() && ids.size() < IDS_SHOWN) {
          ids.add(String.valueOf(rows.getString(1)));
        }
      }
    }
    return ids;
  }

  /**
   * One constraint and the rows of {@code table t} that break it.
   *
   * @param parent for a foreign key, the referenced table: when it does not exist yet every
   *     non-null reference is an orphan
   */
  private record Rule(
      String table, String constraint, String violation, String parent, String column) {

    /** One rule per column, so that the message names the column. */
    static List<Rule> notNull(String table, String... columns) {
      List<Rule> rules = new ArrayList<>();
      for (String column : columns) {
        String constraint = "NOT NULL(" + column + ")";
        rules.add(new Rule(table, constraint, "t." + column + " IS NULL", null, null));
      }
      return rules;
    }

    static List<Rule> check(String table, String constraint, String violation) {
      return List.of(new Rule(table, constraint, violation, null, null));
    }

    static List<Rule> foreignKey(String table, String constraint, String column, String parent) {
      String violation =
          String.format(
              "t.%s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s p WHERE p.id = t.%1$s)",
              column, parent);
      return List.of(new Rule(table, constraint, violation, parent, column));
    }

    /** {@code key} is a format with {@code %s} for the table alias, e.g. {@code %s.oauth_id}. */
    static List<Rule> unique(String table, String constraint, String key) {
      String mine = String.format(key, "t");
      String violation =
          String.format(
              "%s IS NOT NULL AND EXISTS (SELECT 1 FROM %s o WHERE %s = %s AND o.id <> t.id)",
              mine, table, String.format(key, "o"), mine);
      return List.of(new Rule(table, constraint, violation, null, null));
    }

    String condition(Predicate<String> tableExists) {
      if (parent != null && !tableExists.test(parent)) {
        return "t." + column + " IS NOT NULL";
      }
      return violation;
    }
  }
}
