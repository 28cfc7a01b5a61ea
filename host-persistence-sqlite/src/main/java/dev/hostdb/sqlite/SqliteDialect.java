package dev.hostdb.sqlite;

import dev.hostdb.jdbc.Dialect;
import dev.hostdb.jdbc.SqlErrorKind;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite's differences. sqlite-jdbc sets no SQLState, so errors are classified by SQLite's extended
 * result code, the database's own stable error code.
 */
final class SqliteDialect implements Dialect {
  @Override
  public String kind() {
    return "sqlite";
  }

  @Override
  public SqlErrorKind classify(SQLException error) {
    if (!(error instanceof SQLiteException sqlite)) {
      return SqlErrorKind.OTHER;
    }
    SQLiteErrorCode code = sqlite.getResultCode();
    switch (code) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        return SqlErrorKind.UNIQUE_VIOLATION;
      case SQLITE_CONSTRAINT_FOREIGNKEY:
        return SqlErrorKind.FOREIGN_KEY_VIOLATION;
      case SQLITE_CONSTRAINT_NOTNULL:
        return SqlErrorKind.NOT_NULL_VIOLATION;
      case SQLITE_CONSTRAINT_CHECK:
        return SqlErrorKind.CHECK_VIOLATION;
      case SQLITE_BUSY:
      case SQLITE_BUSY_RECOVERY:
      case SQLITE_BUSY_SNAPSHOT:
      case SQLITE_LOCKED:
      case SQLITE_CANTOPEN:
      case SQLITE_IOERR:
      case SQLITE_FULL:
      case SQLITE_READONLY:
        return SqlErrorKind.UNAVAILABLE;
      default:
        return SqlErrorKind.OTHER;
    }
  }

  /** Empty: every write transaction begins IMMEDIATE and so holds the whole database. */
  @Override
  public String lockRowsClause() {
    return "";
  }

  /** Empty: every write transaction begins IMMEDIATE, so no other writer runs beside it. */
  @Override
  public String skipLockedRowsClause() {
    return "";
  }
}
