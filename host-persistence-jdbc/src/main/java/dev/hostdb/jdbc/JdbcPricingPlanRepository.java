package dev.hostdb.jdbc;

import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.port.PricingPlanRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link PricingPlanRepository} on {@code core_pricing_plans}. */
final class JdbcPricingPlanRepository implements PricingPlanRepository {
  private static final String SELECT =
      """
      SELECT id, name, description, stripe_price_monthly, stripe_price_yearly, amount_monthly,
        amount_yearly, currency, trial_days, features, tier_level, is_active, sort_order, created_at
      FROM core_pricing_plans
      """;

  private final Sql sql;

  JdbcPricingPlanRepository(Sql sql) {
    this.sql = sql;
  }

  @Override
  public PricingPlan upsert(PricingPlan plan) {
    return sql.write(
        "upsert pricing plan " + plan.id(),
        db -> {
          db.sql(
                  """
                  INSERT INTO core_pricing_plans (id, name, description, stripe_price_monthly,
                    stripe_price_yearly, amount_monthly, amount_yearly, currency, trial_days,
                    features, tier_level, is_active, sort_order, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                    description = excluded.description,
                    stripe_price_monthly = excluded.stripe_price_monthly,
                    stripe_price_yearly = excluded.stripe_price_yearly,
                    amount_monthly = excluded.amount_monthly,
                    amount_yearly = excluded.amount_yearly, currency = excluded.currency,
                    trial_days = excluded.trial_days, features = excluded.features,
                    tier_level = excluded.tier_level, is_active = excluded.is_active,
                    sort_order = excluded.sort_order
                  """)
              .params(
                  plan.id(),
                  plan.name(),
                  plan.description(),
                  plan.stripePriceMonthly(),
                  plan.stripePriceYearly(),
                  Rows.amount(plan.amountMonthly()),
                  Rows.amount(plan.amountYearly()),
                  plan.currency(),
                  plan.trialDays(),
                  plan.features(),
                  plan.tierLevel(),
                  plan.active(),
                  plan.sortOrder(),
                  Rows.text(plan.createdAt()))
              .update();
          return plan;
        });
  }

  @Override
  public Optional<PricingPlan> findById(String id) {
    return sql.read(
        "find pricing plan " + id,
        db ->
            db.sql(SELECT + " WHERE id = ?")
                .param(id)
                .query(JdbcPricingPlanRepository::map)
                .optional());
  }

  @Override
  public List<PricingPlan> listActive() {
    return sql.read(
        "list pricing plans",
        db ->
            db.sql(SELECT + " WHERE is_active = ? ORDER BY sort_order, id")
                .param(true)
                .query(JdbcPricingPlanRepository::map)
                .list());
  }

  @Override
  public long count() {
    return sql.read(
        "count pricing plans",
        db -> db.sql("SELECT COUNT(*) FROM core_pricing_plans").query(Long.class).single());
  }

  static PricingPlan map(ResultSet rs, int row) throws SQLException {
    Integer trialDays = Rows.integer(rs, "trial_days");
    Integer tierLevel = Rows.integer(rs, "tier_level");
    Integer sortOrder = Rows.integer(rs, "sort_order");
    String currency = rs.getString("currency");
    return new PricingPlan(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("stripe_price_monthly"),
        rs.getString("stripe_price_yearly"),
        Rows.cents(rs, "amount_monthly"),
        Rows.cents(rs, "amount_yearly"),
        currency == null ? "usd" : currency,
        trialDays == null ? 30 : trialDays,
        rs.getString("features"),
        tierLevel == null ? 1 : tierLevel,
        Rows.bool(rs, "is_active", true),
        sortOrder == null ? 0 : sortOrder,
        Rows.instant(rs, "created_at"));
  }
}
