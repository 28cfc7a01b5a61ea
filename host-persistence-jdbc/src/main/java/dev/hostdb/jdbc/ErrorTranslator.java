package dev.hostdb.jdbc;

import dev.hostdb.domain.error.AppendOnlyException;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.HostDbException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.StorageUnavailableException;
import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.UnexpectedRollbackException;

/**
 * Turns Spring's and the driver's exceptions into HostDB's errors by SQLState (or SQLite's result
 * code), never by message text.
 *
 * <p>Constraint errors drop the driver's exception: its message may quote the rejected row, and a
 * row can hold a password hash. The error kind and SQLState are kept in the message instead.
 */
final class ErrorTranslator {
  private final Dialect dialect;

  ErrorTranslator(Dialect dialect) {
    this.dialect = dialect;
  }

  HostDbException translate(String operation, RuntimeException error) {
    if (error instanceof HostDbException known) {
      return known;
    }
    if (error instanceof TransactionSystemException failed
        && failed.getApplicationException() instanceof RuntimeException cause) {
      // The rollback after a failure failed too, as it does on a connection the server closed:
      // the first failure says what happened (57P01, 08006), the rollback's only "closed".
      return translate(operation, cause);
    }
    if (error instanceof UnexpectedRollbackException) {
      return new ConflictException(
          operation + ": rolled back because a step inside the transaction failed");
    }
    SQLException sql = findSqlException(error);
    if (sql == null) {
      if (error instanceof DataAccessException || error instanceof TransactionException) {
        return new StorageUnavailableException(
            operation + ": " + error.getClass().getSimpleName(), error);
      }
      throw error;
    }
    String state = " (SQLState " + sql.getSQLState() + ", code " + sql.getErrorCode() + ")";
    switch (dialect.classify(sql)) {
      case UNIQUE_VIOLATION:
        return new ConflictException(
            operation + ": a row with the same key already exists" + state);
      case FOREIGN_KEY_VIOLATION:
        return new ConflictException(
            operation + ": refers to a row that does not exist, or is still referred to" + state);
      case NOT_NULL_VIOLATION:
        return new InvalidInputException(operation, "a required value is missing" + state);
      case CHECK_VIOLATION:
        return new InvalidInputException(operation, "a value is out of its allowed range" + state);
      case APPEND_ONLY_VIOLATION:
        return new AppendOnlyException(operation, "sys_audit_logs", state);
      case UNAVAILABLE:
        return new StorageUnavailableException(
            operation + ": the " + dialect.kind() + " database is unavailable" + state, sql);
      default:
        return new StorageUnavailableException(
            operation + ": the " + dialect.kind() + " database failed" + state, sql);
    }
  }

  private static SQLException findSqlException(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
