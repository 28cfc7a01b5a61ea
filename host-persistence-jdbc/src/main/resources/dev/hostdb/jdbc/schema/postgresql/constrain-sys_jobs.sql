ALTER TABLE sys_jobs
  ALTER COLUMN job_type SET NOT NULL,
  ALTER COLUMN status SET NOT NULL,
  ALTER COLUMN created_at SET NOT NULL,
  ADD CONSTRAINT ck_sys_jobs_status
    CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'));
CREATE INDEX ix_sys_jobs_status_created ON sys_jobs (status, created_at);
