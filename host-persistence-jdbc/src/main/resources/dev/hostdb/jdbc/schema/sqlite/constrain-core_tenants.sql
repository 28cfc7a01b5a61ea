CREATE TABLE core_tenants_new (
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  db_url VARCHAR NOT NULL,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  plan_tier VARCHAR NOT NULL DEFAULT 'free',
  created_at VARCHAR NOT NULL,
  CONSTRAINT core_tenants_pkey PRIMARY KEY (id)
);
INSERT INTO core_tenants_new (id, name, db_url, is_active, plan_tier, created_at)
SELECT id, name, db_url, COALESCE(is_active, TRUE), COALESCE(plan_tier, 'free'), created_at
  FROM core_tenants;
DROP TABLE core_tenants;
ALTER TABLE core_tenants_new RENAME TO core_tenants;
