UPDATE core_subscriptions SET cancel_at_period_end = FALSE WHERE cancel_at_period_end IS NULL;
UPDATE core_subscriptions SET payment_type = 'subscription' WHERE payment_type IS NULL;
ALTER TABLE core_subscriptions
  ALTER COLUMN tenant_id SET NOT NULL,
  ALTER COLUMN plan_tier SET NOT NULL,
  ALTER COLUMN status SET NOT NULL,
  ALTER COLUMN cancel_at_period_end SET DEFAULT FALSE,
  ALTER COLUMN cancel_at_period_end SET NOT NULL,
  ALTER COLUMN payment_type SET DEFAULT 'subscription',
  ALTER COLUMN payment_type SET NOT NULL,
  ADD CONSTRAINT fk_core_subscriptions_tenant FOREIGN KEY (tenant_id) REFERENCES core_tenants (id),
  ADD CONSTRAINT ck_core_subscriptions_status CHECK (status IN ('trialing', 'active', 'past_due',
    'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused')),
  ADD CONSTRAINT ck_core_subscriptions_payment_type
    CHECK (payment_type IN ('subscription', 'one_time')),
  ADD CONSTRAINT ck_core_subscriptions_amount_cents
    CHECK (amount_cents IS NULL OR amount_cents >= 0);
CREATE UNIQUE INDEX uq_core_subscriptions_stripe_sub_id ON core_subscriptions (stripe_sub_id);
CREATE INDEX ix_core_subscriptions_tenant ON core_subscriptions (tenant_id);
