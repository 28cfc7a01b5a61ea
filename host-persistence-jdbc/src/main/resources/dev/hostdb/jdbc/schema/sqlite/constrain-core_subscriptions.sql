CREATE TABLE core_subscriptions_new (
  id VARCHAR NOT NULL,
  tenant_id VARCHAR NOT NULL,
  stripe_sub_id VARCHAR,
  stripe_cust_id VARCHAR,
  plan_tier VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  current_period_end VARCHAR,
  cancel_at_period_end BOOLEAN NOT NULL DEFAULT FALSE,
  payment_type VARCHAR NOT NULL DEFAULT 'subscription',
  amount_cents INTEGER,
  product_name VARCHAR,
  trial_end VARCHAR,
  created_at VARCHAR,
  CONSTRAINT core_subscriptions_pkey PRIMARY KEY (id),
  CONSTRAINT fk_core_subscriptions_tenant FOREIGN KEY (tenant_id) REFERENCES core_tenants (id),
  CONSTRAINT ck_core_subscriptions_status CHECK (status IN ('trialing', 'active', 'past_due',
    'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused')),
  CONSTRAINT ck_core_subscriptions_payment_type
    CHECK (payment_type IN ('subscription', 'one_time')),
  CONSTRAINT ck_core_subscriptions_amount_cents CHECK (amount_cents IS NULL OR amount_cents >= 0)
);
INSERT INTO core_subscriptions_new
  (id, tenant_id, stripe_sub_id, stripe_cust_id, plan_tier, status, current_period_end,
   cancel_at_period_end, payment_type, amount_cents, product_name, trial_end, created_at)
SELECT id, tenant_id, stripe_sub_id, stripe_cust_id, plan_tier, status, current_period_end,
       COALESCE(cancel_at_period_end, FALSE), COALESCE(payment_type, 'subscription'),
       amount_cents, product_name, trial_end, created_at
  FROM core_subscriptions;
DROP TABLE core_subscriptions;
ALTER TABLE core_subscriptions_new RENAME TO core_subscriptions;
CREATE UNIQUE INDEX uq_core_subscriptions_stripe_sub_id ON core_subscriptions (stripe_sub_id);
CREATE INDEX ix_core_subscriptions_tenant ON core_subscriptions (tenant_id);
