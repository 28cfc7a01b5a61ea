ALTER TABLE sys_audit_logs
  ALTER COLUMN actor_user_id SET NOT NULL,
  ALTER COLUMN event_type SET NOT NULL,
  ALTER COLUMN created_at SET NOT NULL;
CREATE INDEX ix_sys_audit_logs_created ON sys_audit_logs (created_at);
CREATE INDEX ix_sys_audit_logs_target ON sys_audit_logs (target_id, created_at);
CREATE INDEX ix_sys_audit_logs_actor ON sys_audit_logs (actor_user_id, created_at);
