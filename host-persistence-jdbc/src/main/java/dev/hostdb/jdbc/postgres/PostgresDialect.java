package dev.hostdb.jdbc.postgres;

import dev.hostdb.jdbc.Dialect;
import dev.hostdb.jdbc.SqlErrorKind;
import java.sql.SQLException;
import java.util.Set;

/**
 * PostgreSQL's differences. Errors are classified by SQLState only, never by message text, which
 * the server translates into its locale.
 */
final class PostgresDialect implements Dialect {
  /**
   * States after which a retry may succeed: the server refuses new sessions while it starts or
   * stops (57P01-57P03), has no connection slot left (53300), or gave up a transaction for a
   * serialization failure (40001) or a deadlock (40P01). Class 08 (connection exceptions) is
   * matched by prefix.
   */
  private static final Set<String> UNAVAILABLE =
      Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

  @Override
  public String kind() {
    return "postgresql";
  }

  @Override
  public SqlErrorKind classify(SQLException error) {
    String state = error.getSQLState();
    if (state == null) {
      return SqlErrorKind.OTHER;
    }
    switch (state) {
      case "23505":
        return SqlErrorKind.UNIQUE_VIOLATION;
      case "23503":
        return SqlErrorKind.FOREIGN_KEY_VIOLATION;
      case "23502":
        return SqlErrorKind.NOT_NULL_VIOLATION;
      case "23514":
        return SqlErrorKind.CHECK_VIOLATION;
      default:
        return state.startsWith("08") || UNAVAILABLE.contains(state)
            ? SqlErrorKind.UNAVAILABLE
            : SqlErrorKind.OTHER;
    }
  }

  /** Locks the selected rows until the transaction ends. */
  @Override
  public String lockRowsClause() {
    return " FOR UPDATE";
  }

  /** Locks the selected rows and skips the rows other transactions have locked. */
  @Override
  public String skipLockedRowsClause() {
    return " FOR UPDATE SKIP LOCKED";
  }
}
