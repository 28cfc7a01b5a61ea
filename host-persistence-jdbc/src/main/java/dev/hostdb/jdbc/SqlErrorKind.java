package dev.hostdb.jdbc;

/** What a database error means to HostDB, whatever the database reported it as. */
public enum SqlErrorKind {
  /** A unique index or primary key rejected the row. */
  UNIQUE_VIOLATION,
  /** A foreign key rejected the row or its removal. */
  FOREIGN_KEY_VIOLATION,
  /** A NOT NULL constraint rejected the row. */
  NOT_NULL_VIOLATION,
  /** A CHECK constraint rejected the row. */
  CHECK_VIOLATION,
  /**
   * A trigger refused to change or remove a row of the append-only audit log ({@code
   * sys_audit_logs}), the only table whose triggers refuse anything.
   */
  APPEND_ONLY_VIOLATION,
  /** The database is unreachable, busy or shutting down: a later retry may succeed. */
  UNAVAILABLE,
  /** Anything else. */
  OTHER
}
