package dev.hostdb.jdbc.schema;

import dev.hostdb.domain.error.StorageUnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one migration at a time run on a database, across threads and processes, with a lock that
 * the operating system or the server releases when its holder dies, unlike Liquibase's own lock
 * row, which a killed process leaves set.
 *
 * <ul>
 *   <li>PostgreSQL: a session-level advisory lock on the migration connection. It survives the
 *       commits of the changesets and ends with the session, so a killed process's lock goes as
 *       soon as the server notices the closed socket.
 *   <li>SQLite: an exclusive OS lock on the sibling file {@code <database>.migration-lock}, taken
 *       after an in-process lock (the JVM refuses two locks on one file). The file is left in
 *       place: deleting a lock file races with the next process opening it.
 * </ul>
 */
abstract class MigrationLock implements AutoCloseable {
  /** The advisory lock key: "hostdb" in ASCII and a 1; the same in every HostDB version. */
  static final long ADVISORY_KEY = 0x686f73746462_0001L;

  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  /**
   * Waits for the lock of the database behind the connection.
   *
   * @throws StorageUnavailableException when the lock cannot be taken
   */
  static MigrationLock acquire(Connection connection) {
    try {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgresql")) {
        return new Advisory(connection);
      }
      if (product.contains("sqlite")) {
        Path file = sqliteFile(connection.getMetaData().getURL());
        return file == null ? new None() : new FileBased(file);
      }
      return new None();
    } catch (SQLException | IOException e) {
      throw new StorageUnavailableException(
          "Could not take the schema migration lock: " + e.getMessage(), e);
    }
  }

  /** The database file named by a SQLite JDBC URL, or null for an in-memory database. */
  static Path sqliteFile(String jdbcUrl) {
    String path = jdbcUrl.substring(jdbcUrl.indexOf("sqlite:") + "sqlite:".length());
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
    }
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.isBlank() || path.contains(":memory:")) {
      return null;
    }
    return Path.of(path).toAbsolutePath().normalize();
  }

  /** Releases the lock; never throws. */
  @Override
  public abstract void close();

  private static final class Advisory extends MigrationLock {
    private final Connection connection;

    Advisory(Connection connection) throws SQLException {
      this.connection = connection;
      call("SELECT pg_advisory_lock(?)");
    }

    private void call(String sql) throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setLong(1, ADVISORY_KEY);
        statement.execute();
      }
    }

    @Override
    public void close() {
      try {
        if (!connection.isClosed()) {
          call("SELECT pg_advisory_unlock(?)");
        }
      } catch (SQLException e) {
        // the session is gone, and its advisory lock with it
      }
    }
  }

  private static final class FileBased extends MigrationLock {
    private final ReentrantLock inProcess;
    private FileChannel channel;

    FileBased(Path database) throws IOException {
      inProcess = IN_PROCESS.computeIfAbsent(database, key -> new ReentrantLock());
      inProcess.lock();
      try {
        Path file = database.resolveSibling(database.getFileName() + ".migration-lock");
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock(); // held until the channel closes
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        if (channel != null) {
          channel.close(); // releases the lock
        }
      } catch (IOException e) {
        // the lock goes with the channel or, at the latest, with the process
      } finally {
        inProcess.unlock();
      }
    }
  }

  private static final class None extends MigrationLock {
    @Override
    public void close() {}
  }
}
