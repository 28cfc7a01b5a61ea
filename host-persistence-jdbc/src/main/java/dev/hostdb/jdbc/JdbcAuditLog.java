package dev.hostdb.jdbc;

import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.port.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** {@link AuditLog} on {@code sys_audit_logs}: insert and select only. */
final class JdbcAuditLog implements AuditLog {
  private static final String SELECT =
      "SELECT id, actor_user_id, event_type, target_id, details, ip_address, created_at"
          + " FROM sys_audit_logs";

  private final Sql sql;

  JdbcAuditLog(Sql sql) {
    this.sql = sql;
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    return sql.write(
        "append audit entry " + entry.id() + " (" + entry.eventType() + ")",
        db -> {
          db.sql(
                  """
                  INSERT INTO sys_audit_logs (id, actor_user_id, event_type, target_id, details,
                    ip_address, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?)
                  """)
              .params(
                  entry.id().value(),
                  entry.actorUserId().value(),
                  entry.eventType(),
                  entry.targetId(),
                  entry.details(),
                  entry.ipAddress(),
                  Rows.text(entry.createdAt()))
              .update();
          return entry;
        });
  }

  @Override
  public List<AuditEntry> recent(int limit) {
    Rows.checkLimit(limit);
    return sql.read(
        "list audit entries",
        db ->
            db.sql(SELECT + " ORDER BY created_at DESC, id DESC LIMIT ?")
                .param(limit)
                .query(JdbcAuditLog::map)
                .list());
  }

  @Override
  public List<AuditEntry> forTarget(String targetId, int limit) {
    Rows.checkLimit(limit);
    return sql.read(
        "list audit entries of " + targetId,
        db ->
            db.sql(SELECT + " WHERE target_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(targetId, limit)
                .query(JdbcAuditLog::map)
                .list());
  }

  @Override
  public long count() {
    return sql.read(
        "count audit entries",
        db -> db.sql("SELECT COUNT(*) FROM sys_audit_logs").query(Long.class).single());
  }

  static AuditEntry map(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        Rows.id(rs, "id"),
        Rows.id(rs, "actor_user_id"),
        rs.getString("event_type"),
        rs.getString("target_id"),
        rs.getString("details"),
        rs.getString("ip_address"),
        Rows.instant(rs, "created_at"));
  }
}
