package dev.hostdb.jdbc.routing;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.error.InvalidInputException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * A {@link javax.sql.DataSource} whose connections go to the database of the tenant current in
 * {@link TenantContext}: hand it to code that should not know which tenant it serves.
 *
 * <p>Each {@code getConnection()} routes anew through {@link TenantDataSources}, so a suspended
 * tenant is refused ({@link dev.hostdb.domain.error.ConflictException}), an unknown one too ({@link
 * dev.hostdb.domain.error.NotFoundException}), and a call with no current tenant fails with {@link
 * InvalidInputException}: there is no default database.
 */
public final class TenantRoutingDataSource extends AbstractDataSource {
  private final TenantDataSources tenants;

  TenantRoutingDataSource(TenantDataSources tenants) {
    this.tenants = tenants;
  }

  /**
   * A connection to the current tenant's database; close it.
   *
   * @throws InvalidInputException when no tenant is current
   */
  @Override
  public Connection getConnection() throws SQLException {
    Id tenantId =
        TenantContext.current()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "tenant",
                        "no current tenant to route to; run the work inside"
                            + " TenantContext.run(tenantId, ...)"));
    return tenants.connectionFor(tenantId);
  }

  /** Refused: the tenant's credentials come from its catalog entry, never from the caller. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "the credentials of a tenant database come from the tenant catalog; call getConnection()");
  }

  @Override
  public String toString() {
    return "TenantRoutingDataSource[current tenant: "
        + TenantContext.current().map(Id::toString).orElse("none")
        + "]";
  }
}
