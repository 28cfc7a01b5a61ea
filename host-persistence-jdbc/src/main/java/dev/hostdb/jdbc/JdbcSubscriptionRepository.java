package dev.hostdb.jdbc;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.PaymentType;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SubscriptionStatus;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.SubscriptionRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link SubscriptionRepository} on {@code core_subscriptions}. */
final class JdbcSubscriptionRepository implements SubscriptionRepository {
  private static final String SELECT =
      """
      SELECT id, tenant_id, stripe_sub_id, stripe_cust_id, plan_tier, status, current_period_end,
        cancel_at_period_end, payment_type, amount_cents, product_name, trial_end, created_at
      FROM core_subscriptions
      """;

  private final Sql sql;

  JdbcSubscriptionRepository(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Subscription create(Subscription s) {
    String operation = "create subscription " + s.id();
    return sql.write(
        operation,
        db -> {
          long tenants =
              db.sql("SELECT COUNT(*) FROM core_tenants WHERE id = ?")
                  .param(s.tenantId().value())
                  .query(Long.class)
                  .single();
          if (tenants == 0) {
            throw new NotFoundException(operation, "tenant", s.tenantId());
          }
          db.sql(
                  """
                  INSERT INTO core_subscriptions (id, tenant_id, stripe_sub_id, stripe_cust_id,
                    plan_tier, status, current_period_end, cancel_at_period_end, payment_type,
                    amount_cents, product_name, trial_end, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  """)
              .params(
                  s.id().value(),
                  s.tenantId().value(),
                  s.stripeSubscriptionId(),
                  s.stripeCustomerId(),
                  s.planTier(),
                  s.status().code(),
                  Rows.text(s.currentPeriodEnd()),
                  s.cancelAtPeriodEnd(),
                  s.paymentType().code(),
                  Rows.amount(s.amount()),
                  s.productName(),
                  Rows.text(s.trialEnd()),
                  Rows.text(s.createdAt()))
              .update();
          return s;
        });
  }

  @Override
  public Optional<Subscription> findById(Id id) {
    return sql.read(
        "find subscription " + id,
        db ->
            db.sql(SELECT + " WHERE id = ?")
                .param(id.value())
                .query(JdbcSubscriptionRepository::map)
                .optional());
  }

  @Override
  public List<Subscription> listByTenant(Id tenantId) {
    return sql.read(
        "list subscriptions of tenant " + tenantId,
        db ->
            db.sql(SELECT + " WHERE tenant_id = ? ORDER BY created_at DESC, id")
                .param(tenantId.value())
                .query(JdbcSubscriptionRepository::map)
                .list());
  }

  @Override
  public long count() {
    return sql.read(
        "count subscriptions",
        db -> db.sql("SELECT COUNT(*) FROM core_subscriptions").query(Long.class).single());
  }

  static Subscription map(ResultSet rs, int row) throws SQLException {
    return new Subscription(
        Rows.id(rs, "id"),
        Rows.id(rs, "tenant_id"),
        rs.getString("stripe_sub_id"),
        rs.getString("stripe_cust_id"),
        rs.getString("plan_tier"),
        SubscriptionStatus.fromCode(rs.getString("status")),
        Rows.instant(rs, "current_period_end"),
        Rows.bool(rs, "cancel_at_period_end", false),
        PaymentType.fromCode(rs.getString("payment_type")),
        Rows.cents(rs, "amount_cents"),
        rs.getString("product_name"),
        Rows.instant(rs, "trial_end"),
        Rows.instant(rs, "created_at"));
  }
}
