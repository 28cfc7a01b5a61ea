package dev.hostdb.domain.port;

import dev.hostdb.domain.AuditEntry;
import java.util.List;

/** The append-only audit trail ({@code sys_audit_logs}): entries are never changed or removed. */
public interface AuditLog {
  /**
   * Appends an entry; inside a transaction it commits or rolls back with the change it records.
   *
   * @throws dev.hostdb.domain.error.ConflictException when the id is taken
   */
  AuditEntry append(AuditEntry entry);

  /** The newest entries first, at most {@code limit}. */
  List<AuditEntry> recent(int limit);

  /** The entries about one record, newest first, at most {@code limit}. */
  List<AuditEntry> forTarget(String targetId, int limit);

  /** The number of entries. */
  long count();
}
