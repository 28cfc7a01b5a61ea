CREATE TABLE core_pricing_plans_new (
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  description VARCHAR,
  stripe_price_monthly VARCHAR,
  stripe_price_yearly VARCHAR,
  amount_monthly INTEGER,
  amount_yearly INTEGER,
  currency VARCHAR NOT NULL DEFAULT 'usd',
  trial_days INTEGER NOT NULL DEFAULT 30,
  features VARCHAR,
  tier_level INTEGER NOT NULL DEFAULT 1,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at VARCHAR,
  CONSTRAINT core_pricing_plans_pkey PRIMARY KEY (id),
  CONSTRAINT ck_core_pricing_plans_amount_monthly
    CHECK (amount_monthly IS NULL OR amount_monthly >= 0),
  CONSTRAINT ck_core_pricing_plans_amount_yearly
    CHECK (amount_yearly IS NULL OR amount_yearly >= 0),
  CONSTRAINT ck_core_pricing_plans_trial_days CHECK (trial_days >= 0)
);
INSERT INTO core_pricing_plans_new
  (id, name, description, stripe_price_monthly, stripe_price_yearly, amount_monthly,
   amount_yearly, currency, trial_days, features, tier_level, is_active, sort_order, created_at)
SELECT id, name, description, stripe_price_monthly, stripe_price_yearly, amount_monthly,
       amount_yearly, COALESCE(currency, 'usd'), COALESCE(trial_days, 30), features,
       COALESCE(tier_level, 1), COALESCE(is_active, TRUE), COALESCE(sort_order, 0), created_at
  FROM core_pricing_plans;
DROP TABLE core_pricing_plans;
ALTER TABLE core_pricing_plans_new RENAME TO core_pricing_plans;
CREATE INDEX ix_core_pricing_plans_active_sort ON core_pricing_plans (is_active, sort_order);
