UPDATE core_tenants SET is_active = TRUE WHERE is_active IS NULL;
UPDATE core_tenants SET plan_tier = 'free' WHERE plan_tier IS NULL;
ALTER TABLE core_tenants
  ALTER COLUMN name SET NOT NULL,
  ALTER COLUMN db_url SET NOT NULL,
  ALTER COLUMN is_active SET DEFAULT TRUE,
  ALTER COLUMN is_active SET NOT NULL,
  ALTER COLUMN plan_tier SET DEFAULT 'free',
  ALTER COLUMN plan_tier SET NOT NULL,
  ALTER COLUMN created_at SET NOT NULL;
