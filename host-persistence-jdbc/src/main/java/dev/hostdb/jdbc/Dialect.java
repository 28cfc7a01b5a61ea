package dev.hostdb.jdbc;

import java.sql.SQLException;

/**
 * What differs between the databases HostDB runs on. The repositories' SQL is otherwise the same
 * everywhere: both PostgreSQL and SQLite speak {@code INSERT … ON CONFLICT}.
 */
public interface Dialect {
  /** The kind of database, as {@link dev.hostdb.domain.DatabaseUrl#kind()} names it. */
  String kind();

  /**
   * Classifies an error the driver raised. PostgreSQL reports a SQLState; sqlite-jdbc reports none,
   * so its dialect reads SQLite's extended result code instead.
   */
  SqlErrorKind classify(SQLException error);

  /**
   * The clause that locks the rows a {@code SELECT} reads until the transaction ends, such as
   * {@code " FOR UPDATE"}; empty where a transaction already holds the whole database.
   */
  String lockRowsClause();

  /**
   * The clause that locks the rows a {@code SELECT} reads and passes over rows another transaction
   * holds, such as {@code " FOR UPDATE SKIP LOCKED"}: concurrent job claims then take different
   * jobs instead of waiting for each other. Empty where a transaction already holds the whole
   * database.
   */
  String skipLockedRowsClause();
}
