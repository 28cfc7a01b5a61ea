package dev.hostdb.jdbc.routing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * One tenant's pool as a {@link javax.sql.DataSource}: every connection counts as borrowed until
 * closed. Once the pool is retired, {@link #getConnection()} fails with SQLState {@code 08003};
 * route the tenant again for a fresh one.
 */
final class TenantDataSource extends AbstractDataSource {
  private final TenantPool pool;

  TenantDataSource(TenantPool pool) {
    this.pool = pool;
  }

  /** The pool behind this data source, for tests. */
  TenantPool pool() {
    return pool;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return pool.borrow();
  }

  /** Refused: the tenant's credentials come from its catalog entry, never from the caller. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "get a connection to tenant "
            + pool.tenantId()
            + ": the credentials come from the tenant catalog; call getConnection()");
  }

  /** The tenant and its masked URL. */
  @Override
  public String toString() {
    return "TenantDataSource[tenant=" + pool.tenantId() + ", url=" + pool.url().masked() + "]";
  }
}
