package dev.hostdb.jdbc;

import dev.hostdb.domain.AccessFacts;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one statement behind {@link dev.hostdb.domain.port.MembershipRepository#accessFacts}: a
 * one-row key joined to the user, the tenant, the membership and the tenant's subscriptions, so
 * that a missing user or tenant still gives one row (of NULLs) and each subscription one more.
 * Every table's columns carry a prefix of their own ({@code u_}, {@code t_}, {@code m_}, {@code
 * s_}); the repositories' row mappers read them through {@link #prefixed}, so that the mapping of
 * each table stays in one place.
 */
final class AccessFactsQuery {
  // the password hash is left out on purpose: no access decision needs it
  private static final String SQL =
      """
      SELECT u.id AS u_id, u.email AS u_email, u.oauth_id AS u_oauth_id,
        NULL AS u_password_hash, u.stripe_cust_id AS u_stripe_cust_id,
        u.is_sys_admin AS u_is_sys_admin, u.is_active AS u_is_active,
        u.created_at AS u_created_at, u.last_login AS u_last_login,
        t.id AS t_id, t.name AS t_name, t.db_url AS t_db_url, t.is_active AS t_is_active,
        t.plan_tier AS t_plan_tier, t.created_at AS t_created_at,
        m.id AS m_id, m.user_id AS m_user_id, m.tenant_id AS m_tenant_id,
        m.profile_id AS m_profile_id, m.meta_attributes AS m_meta_attributes, m.role AS m_role,
        m.is_active AS m_is_active, m.created_at AS m_created_at,
        s.id AS s_id, s.tenant_id AS s_tenant_id, s.stripe_sub_id AS s_stripe_sub_id,
        s.stripe_cust_id AS s_stripe_cust_id, s.plan_tier AS s_plan_tier, s.status AS s_status,
        s.current_period_end AS s_current_period_end,
        s.cancel_at_period_end AS s_cancel_at_period_end, s.payment_type AS s_payment_type,
        s.amount_cents AS s_amount_cents, s.product_name AS s_product_name,
        s.trial_end AS s_trial_end, s.created_at AS s_created_at
      FROM (SELECT CAST(? AS TEXT) AS user_id, CAST(? AS TEXT) AS tenant_id) k
      LEFT JOIN core_users u ON u.id = k.user_id
      LEFT JOIN core_tenants t ON t.id = k.tenant_id
      LEFT JOIN core_memberships m ON m.user_id = k.user_id AND m.tenant_id = k.tenant_id
      LEFT JOIN core_subscriptions s ON s.tenant_id = k.tenant_id
      """;

  private AccessFactsQuery() {}

  static AccessFacts run(JdbcClient db, Id userId, Id tenantId) {
    return db.sql(SQL)
        .params(userId.value(), tenantId.value())
        .query((ResultSetExtractor<AccessFacts>) AccessFactsQuery::read);
  }

  private static AccessFacts read(ResultSet rs) throws SQLException {
    User user = null;
    Tenant tenant = null;
    Membership membership = null;
    List<Subscription> subscriptions = new ArrayList<>();
    int row = 0;
    while (rs.next()) {
      if (row == 0) {
        user = rs.getString("u_id") == null ? null : JdbcUserRepository.map(prefixed(rs, "u_"), 0);
        tenant = rs.getString("t_id") == null ? null : JdbcTenantCatalog.map(prefixed(rs, "t_"), 0);
        membership =
            rs.getString("m_id") == null
                ? null
                : JdbcMembershipRepository.map(prefixed(rs, "m_"), 0);
      }
      if (rs.getString("s_id") != null) {
        subscriptions.add(JdbcSubscriptionRepository.map(prefixed(rs, "s_"), row));
      }
      row++;
    }
    return new AccessFacts(user, tenant, membership, subscriptions);
  }

  /** {@code rs} with every column label given to it read as {@code prefix + label}. */
  private static ResultSet prefixed(ResultSet rs, String prefix) {
    return (ResultSet)
        Proxy.newProxyInstance(
            ResultSet.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            (proxy, method, args) -> {
              Object[] given = args;
              if (args != null && args.length > 0 && args[0] instanceof String label) {
                given = args.clone();
                given[0] = prefix + label;
              }
              try {
                return method.invoke(rs, given);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
