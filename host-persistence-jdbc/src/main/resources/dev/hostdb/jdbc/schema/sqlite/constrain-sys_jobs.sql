CREATE TABLE sys_jobs_new (
  id VARCHAR NOT NULL,
  job_type VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  payload VARCHAR,
  error_log VARCHAR,
  created_at VARCHAR NOT NULL,
  completed_at VARCHAR,
  CONSTRAINT sys_jobs_pkey PRIMARY KEY (id),
  CONSTRAINT ck_sys_jobs_status
    CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))
);
INSERT INTO sys_jobs_new (id, job_type, status, payload, error_log, created_at, completed_at)
SELECT id, job_type, status, payload, error_log, created_at, completed_at
  FROM sys_jobs;
DROP TABLE sys_jobs;
ALTER TABLE sys_jobs_new RENAME TO sys_jobs;
CREATE INDEX ix_sys_jobs_status_created ON sys_jobs (status, created_at);
