package dev.hostdb.jdbc;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.PaymentType;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SubscriptionStatus;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.port.SubscriptionRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
          Rows.requireRow(db, operation, "core_tenants", "tenant", s.tenantId());
          db.sql(
                  """
                  INSERT INTO core_subscriptions (id, tenant_id, stripe_sub_id, stripe_cust_id,
                    plan_tier, status, current_period_end, cancel_at_period_end, payment_type,
                    amount_cents, product_name, trial_end, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  """)
              .params(columns(s))
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

  @Override
  public Optional<Subscription> findByStripeId(String stripeSubscriptionId) {
    return sql.read(
        "find subscription " + stripeSubscriptionId,
        db ->
            db.sql(SELECT + " WHERE stripe_sub_id = ?")
                .param(stripeSubscriptionId)
                .query(JdbcSubscriptionRepository::map)
                .optional());
  }

  @Override
  public boolean upsertFromProvider(Subscription s, Instant eventAt) {
    if (s.stripeSubscriptionId() == null || s.stripeSubscriptionId().isBlank()) {
      throw new InvalidInputException("stripe_sub_id", "is required to store a provider's state");
    }
    if (eventAt == null) {
      throw new InvalidInputException("provider_event_at", "is required");
    }
    String operation = "store provider state of subscription " + s.stripeSubscriptionId();
    return sql.write(
        operation,
        db -> {
          Rows.requireRow(db, operation, "core_tenants", "tenant", s.tenantId());
          // The WHERE of the update keeps a state that a later event wrote: text timestamps of
          // one fixed width sort in time order.
          int written =
              db.sql(
                      """
                      INSERT INTO core_subscriptions (id, tenant_id, stripe_sub_id, stripe_cust_id,
                        plan_tier, status, current_period_end, cancel_at_period_end, payment_type,
                        amount_cents, product_name, trial_end, created_at, provider_event_at)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                      ON CONFLICT (stripe_sub_id) DO UPDATE SET tenant_id = excluded.tenant_id,
                        stripe_cust_id = excluded.stripe_cust_id, plan_tier = excluded.plan_tier,
                        status = excluded.status,
                        current_period_end = excluded.current_period_end,
                        cancel_at_period_end = excluded.cancel_at_period_end,
                        payment_type = excluded.payment_type,
                        amount_cents = excluded.amount_cents,
                        product_name = excluded.product_name, trial_end = excluded.trial_end,
                        provider_event_at = excluded.provider_event_at
                      WHERE core_subscriptions.provider_event_at IS NULL
                        OR core_subscriptions.provider_event_at <= excluded.provider_event_at
                      """)
                  .params(columns(s, Rows.text(eventAt)))
                  .update();
          return written > 0;
        });
  }

  @Override
  public boolean recordProviderEvent(
      String eventId, String stripeSubscriptionId, Instant receivedAt) {
    if (eventId == null || eventId.isBlank()) {
      throw new InvalidInputException("event_id", "is required and must not be blank");
    }
    return sql.write(
        "record billing event " + eventId,
        db ->
            db.sql(
                        """
                        INSERT INTO sys_billing_events (event_id, stripe_sub_id, received_at)
                        VALUES (?, ?, ?)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                    .params(eventId, stripeSubscriptionId, Rows.text(receivedAt))
                    .update()
                > 0);
  }

  /** The values of the table's reference columns, in their order, then {@code more}. */
  private static List<Object> columns(Subscription s, Object... more) {
    List<Object> values =
        new ArrayList<>(
            Arrays.asList(
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
                Rows.text(s.createdAt())));
    values.addAll(Arrays.asList(more));
    return values;
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
