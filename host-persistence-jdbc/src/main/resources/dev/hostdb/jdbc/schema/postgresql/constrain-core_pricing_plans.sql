UPDATE core_pricing_plans SET currency = 'usd' WHERE currency IS NULL;
UPDATE core_pricing_plans SET trial_days = 30 WHERE trial_days IS NULL;
UPDATE core_pricing_plans SET tier_level = 1 WHERE tier_level IS NULL;
UPDATE core_pricing_plans SET is_active = TRUE WHERE is_active IS NULL;
UPDATE core_pricing_plans SET sort_order = 0 WHERE sort_order IS NULL;
ALTER TABLE core_pricing_plans
  ALTER COLUMN name SET NOT NULL,
  ALTER COLUMN currency SET DEFAULT 'usd',
  ALTER COLUMN currency SET NOT NULL,
  ALTER COLUMN trial_days SET DEFAULT 30,
  ALTER COLUMN trial_days SET NOT NULL,
  ALTER COLUMN tier_level SET DEFAULT 1,
  ALTER COLUMN tier_level SET NOT NULL,
  ALTER COLUMN is_active SET DEFAULT TRUE,
  ALTER COLUMN is_active SET NOT NULL,
  ALTER COLUMN sort_order SET DEFAULT 0,
  ALTER COLUMN sort_order SET NOT NULL,
  ADD CONSTRAINT ck_core_pricing_plans_amount_monthly
    CHECK (amount_monthly IS NULL OR amount_monthly >= 0),
  ADD CONSTRAINT ck_core_pricing_plans_amount_yearly
    CHECK (amount_yearly IS NULL OR amount_yearly >= 0),
  ADD CONSTRAINT ck_core_pricing_plans_trial_days CHECK (trial_days >= 0);
CREATE INDEX ix_core_pricing_plans_active_sort ON core_pricing_plans (is_active, sort_order);
