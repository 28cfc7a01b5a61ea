-- Rebuild: SQLite cannot add NOT NULL or new unique columns to an existing table.
CREATE TABLE core_users_new (
  id VARCHAR NOT NULL,
  email VARCHAR NOT NULL,
  oauth_id VARCHAR,
  password_hash VARCHAR,
  stripe_cust_id VARCHAR,
  is_sys_admin BOOLEAN NOT NULL DEFAULT FALSE,
  created_at VARCHAR NOT NULL,
  last_login VARCHAR,
  email_normalized VARCHAR,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  CONSTRAINT core_users_pkey PRIMARY KEY (id)
);
INSERT INTO core_users_new
  (id, email, oauth_id, password_hash, stripe_cust_id, is_sys_admin, created_at, last_login,
   email_normalized, is_active)
SELECT id, email, oauth_id, password_hash, stripe_cust_id, COALESCE(is_sys_admin, FALSE),
       created_at, last_login, lower(trim(email)), TRUE
  FROM core_users;
DROP TABLE core_users;
ALTER TABLE core_users_new RENAME TO core_users;
CREATE UNIQUE INDEX uq_core_users_oauth_id ON core_users (oauth_id);
CREATE UNIQUE INDEX uq_core_users_email_normalized ON core_users (email_normalized);
