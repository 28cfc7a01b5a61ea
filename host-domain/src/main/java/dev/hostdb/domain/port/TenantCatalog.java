package dev.hostdb.domain.port;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.Tenant;
import java.util.List;
import java.util.Optional;

/** The tenant catalog ({@code core_tenants}): which tenants exist and where their data lives. */
public interface TenantCatalog {
  /**
   * Stores a new tenant.
   *
   * @throws dev.hostdb.domain.error.ConflictException when the id is taken
   */
  Tenant create(Tenant tenant);

  /** The tenant with this id. */
  Optional<Tenant> findById(Id id);

  /**
   * Replaces the stored tenant's fields with the given ones.
   *
   * @throws dev.hostdb.domain.error.NotFoundException when no tenant has the id
   */
  Tenant update(Tenant tenant);

  /** Every tenant, by name. */
  List<Tenant> list();

  /** The number of tenants. */
  long count();
}
