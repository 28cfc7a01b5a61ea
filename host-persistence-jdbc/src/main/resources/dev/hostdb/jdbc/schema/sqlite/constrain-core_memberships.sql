-- Runs after core_users and core_tenants were rebuilt, so the foreign keys point at the final
-- parent tables.
CREATE TABLE core_memberships_new (
  id VARCHAR NOT NULL,
  user_id VARCHAR NOT NULL,
  tenant_id VARCHAR NOT NULL,
  profile_id VARCHAR NOT NULL,
  meta_attributes VARCHAR,
  role VARCHAR NOT NULL DEFAULT 'member',
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at VARCHAR NOT NULL,
  CONSTRAINT core_memberships_pkey PRIMARY KEY (id),
  CONSTRAINT fk_core_memberships_user FOREIGN KEY (user_id) REFERENCES core_users (id),
  CONSTRAINT fk_core_memberships_tenant FOREIGN KEY (tenant_id) REFERENCES core_tenants (id),
  CONSTRAINT ck_core_memberships_role CHECK (role IN ('owner', 'admin', 'member'))
);
INSERT INTO core_memberships_new
  (id, user_id, tenant_id, profile_id, meta_attributes, role, is_active, created_at)
SELECT id, user_id, tenant_id, profile_id, meta_attributes, COALESCE(role, 'member'),
       COALESCE(is_active, TRUE), created_at
  FROM core_memberships;
DROP TABLE core_memberships;
ALTER TABLE core_memberships_new RENAME TO core_memberships;
CREATE UNIQUE INDEX uq_core_memberships_user_tenant ON core_memberships (user_id, tenant_id);
CREATE INDEX ix_core_memberships_tenant ON core_memberships (tenant_id);
