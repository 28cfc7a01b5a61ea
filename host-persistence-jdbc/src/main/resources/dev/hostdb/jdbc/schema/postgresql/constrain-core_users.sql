ALTER TABLE core_users ADD COLUMN email_normalized character varying;
ALTER TABLE core_users ADD COLUMN is_active boolean NOT NULL DEFAULT TRUE;
UPDATE core_users SET email_normalized = lower(trim(email));
UPDATE core_users SET is_sys_admin = FALSE WHERE is_sys_admin IS NULL;
ALTER TABLE core_users
  ALTER COLUMN email SET NOT NULL,
  ALTER COLUMN is_sys_admin SET DEFAULT FALSE,
  ALTER COLUMN is_sys_admin SET NOT NULL,
  ALTER COLUMN created_at SET NOT NULL;
CREATE UNIQUE INDEX uq_core_users_oauth_id ON core_users (oauth_id);
CREATE UNIQUE INDEX uq_core_users_email_normalized ON core_users (email_normalized);
