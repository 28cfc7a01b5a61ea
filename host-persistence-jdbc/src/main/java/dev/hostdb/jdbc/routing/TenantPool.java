package dev.hostdb.jdbc.routing;

import com.zaxxer.hikari.HikariDataSource;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Consumer;

/**
 * One tenant's HikariCP pool, with the number of its connections that callers hold.
 *
 * <p>Once retired (evicted, idle, or its tenant moved) it hands out no connection; the HikariCP
 * pool is closed when the last borrowed connection comes back, so that eviction never pulls a
 * connection from under a running transaction.
 */
final class TenantPool {
  private final Id tenantId;
  private final DatabaseUrl url;
  private final HikariDataSource hikari;
  private final Consumer<TenantPool> closer;
  private final TenantDataSource dataSource;

  private volatile long lastUsed = System.nanoTime();

  // guarded by this
  private int borrowed;
  private boolean retired;
  private boolean closing;

  TenantPool(Id tenantId, DatabaseUrl url, HikariDataSource hikari, Consumer<TenantPool> closer) {
    this.tenantId = tenantId;
    this.url = url;
    this.hikari = hikari;
    this.closer = closer;
    this.dataSource = new TenantDataSource(this);
  }

  Id tenantId() {
    return tenantId;
  }

  DatabaseUrl url() {
    return url;
  }

  TenantDataSource dataSource() {
    return dataSource;
  }

  /** The HikariCP pool, for the closer and for tests. */
  HikariDataSource hikari() {
    return hikari;
  }

  long lastUsed() {
    return lastUsed;
  }

  void touch() {
    lastUsed = System.nanoTime();
  }

  synchronized int borrowed() {
    return borrowed;
  }

  synchronized boolean isRetired() {
    return retired;
  }

  /**
   * A connection that counts as borrowed until closed.
   *
   * @throws RetiredPoolException when the pool was retired; route the tenant again
   */
  Connection borrow() throws SQLException {
    synchronized (this) {
      if (retired) {
        throw new RetiredPoolException(tenantId);
      }
      borrowed++;
    }
    touch();
    Connection connection;
    try {
      connection = hikari.getConnection();
    } catch (SQLException | RuntimeException e) {
      release();
      throw e;
    }
    return BorrowedConnection.wrap(connection, this);
  }

  /** Called once for each borrowed connection as it is closed. */
  void release() {
    touch();
    boolean closeNow;
    synchronized (this) {
      borrowed--;
      closeNow = retired && borrowed == 0 && !closing;
      closing |= closeNow;
    }
    if (closeNow) {
      closer.accept(this);
    }
  }

  /**
   * Stops handing out connections, and has the pool closed now if none is borrowed, otherwise when
   * the last comes back.
   */
  void retire() {
    boolean closeNow;
    synchronized (this) {
      if (retired) {
        return;
      }
      retired = true;
      closeNow = borrowed == 0;
      closing |= closeNow;
    }
    if (closeNow) {
      closer.accept(this);
    }
  }

  @Override
  public String toString() {
    return "TenantPool[tenant=" + tenantId + ", url=" + url.masked() + "]";
  }

  /** The pool was retired between routing and borrowing; routing again gives a fresh pool. */
  static final class RetiredPoolException extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    RetiredPoolException(Id tenantId) {
      super(
          "get a connection to tenant "
              + tenantId
              + ": its pool was closed (evicted, idle or moved); route the tenant again for a"
              + " fresh data source",
          "08003");
    }
  }
}
