CREATE TABLE sys_audit_logs_new (
  id VARCHAR NOT NULL,
  actor_user_id VARCHAR NOT NULL,
  event_type VARCHAR NOT NULL,
  target_id VARCHAR,
  details VARCHAR,
  ip_address VARCHAR,
  created_at VARCHAR NOT NULL,
  CONSTRAINT sys_audit_logs_pkey PRIMARY KEY (id)
);
INSERT INTO sys_audit_logs_new
  (id, actor_user_id, event_type, target_id, details, ip_address, created_at)
SELECT id, actor_user_id, event_type, target_id, details, ip_address, created_at
  FROM sys_audit_logs;
DROP TABLE sys_audit_logs;
ALTER TABLE sys_audit_logs_new RENAME TO sys_audit_logs;
CREATE INDEX ix_sys_audit_logs_created ON sys_audit_logs (created_at);
CREATE INDEX ix_sys_audit_logs_target ON sys_audit_logs (target_id, created_at);
CREATE INDEX ix_sys_audit_logs_actor ON sys_audit_logs (actor_user_id, created_at);
