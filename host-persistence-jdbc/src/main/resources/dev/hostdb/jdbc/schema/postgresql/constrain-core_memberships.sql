UPDATE core_memberships SET role = 'member' WHERE role IS NULL;
UPDATE core_memberships SET is_active = TRUE WHERE is_active IS NULL;
ALTER TABLE core_memberships
  ALTER COLUMN user_id SET NOT NULL,
  ALTER COLUMN tenant_id SET NOT NULL,
  ALTER COLUMN profile_id SET NOT NULL,
  ALTER COLUMN role SET DEFAULT 'member',
  ALTER COLUMN role SET NOT NULL,
  ALTER COLUMN is_active SET DEFAULT TRUE,
  ALTER COLUMN is_active SET NOT NULL,
  ALTER COLUMN created_at SET NOT NULL,
  ADD CONSTRAINT fk_core_memberships_user FOREIGN KEY (user_id) REFERENCES core_users (id),
  ADD CONSTRAINT fk_core_memberships_tenant FOREIGN KEY (tenant_id) REFERENCES core_tenants (id),
  ADD CONSTRAINT ck_core_memberships_role CHECK (role IN ('owner', 'admin', 'member')),
  ADD CONSTRAINT uq_core_memberships_user_tenant UNIQUE (user_id, tenant_id);
CREATE INDEX ix_core_memberships_tenant ON core_memberships (tenant_id);
