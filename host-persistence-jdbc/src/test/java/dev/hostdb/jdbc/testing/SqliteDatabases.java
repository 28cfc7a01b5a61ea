package dev.hostdb.jdbc.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/** Opens SQLite database files the way HostDB does: foreign keys enforced on every connection. */
public final class SqliteDatabases {

  private SqliteDatabases() {}

  /**
   * Opens (and creates when missing) a SQLite database file.
   *
   * @param file the database file
   * @return a new auto-commit connection with {@code foreign_keys=ON}
   * @throws SQLException when the file cannot be opened
   */
  public static Connection open(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
  }
}
