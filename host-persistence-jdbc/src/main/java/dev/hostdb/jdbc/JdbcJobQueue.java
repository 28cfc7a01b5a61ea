package dev.hostdb.jdbc;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.port.JobQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link JobQueue} on {@code sys_jobs}. */
final class JdbcJobQueue implements JobQueue {
  private static final String SELECT =
      "SELECT id, job_type, status, payload, error_log, created_at, completed_at FROM sys_jobs";

  private final Sql sql;

  JdbcJobQueue(Sql sql) {
    this.sql = sql;
  }

  @Override
  public SystemJob enqueue(SystemJob job) {
    return sql.write(
        "enqueue job " + job.id() + " (" + job.jobType() + ")",
        db -> {
          db.sql(
                  """
                  INSERT INTO sys_jobs (id, job_type, status, payload, error_log, created_at,
                    completed_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?)
                  """)
              .params(
                  job.id().value(),
                  job.jobType(),
                  job.status().code(),
                  job.payload(),
                  job.errorLog(),
                  Rows.text(job.createdAt()),
                  Rows.text(job.completedAt()))
              .update();
          return job;
        });
  }

  @Override
  public Optional<SystemJob> find(Id id) {
    return sql.read(
        "find job " + id,
        db ->
            db.sql(SELECT + " WHERE id = ?").param(id.value()).query(JdbcJobQueue::map).optional());
  }

  @Override
  public List<SystemJob> list(JobStatus status, int limit) {
    Rows.checkLimit(limit);
    return sql.read(
        "list " + status.code() + " jobs",
        db ->
            db.sql(SELECT + " WHERE status = ? ORDER BY created_at, id LIMIT ?")
                .params(status.code(), limit)
                .query(JdbcJobQueue::map)
                .list());
  }

  @Override
  public long count() {
    return sql.read(
        "count jobs", db -> db.sql("SELECT COUNT(*) FROM sys_jobs").query(Long.class).single());
  }

  static SystemJob map(ResultSet rs, int row) throws SQLException {
    return new SystemJob(
        Rows.id(rs, "id"),
        rs.getString("job_type"),
        JobStatus.fromCode(rs.getString("status")),
        rs.getString("payload"),
        rs.getString("error_log"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "completed_at"));
  }
}
