package dev.hostdb.domain.port;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.Tenant;
import java.time.Instant;
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

  /**
   * Marks the tenant deleted at {@code at} and inactive ({@code core_tenants.deleted_at}, {@code
   * is_active}); its rows stay until a purge job removes them.
   *
   * @throws dev.hostdb.domain.error.NotFoundException when no tenant has the id
   */
  void markDeleted(Id tenantId, Instant at);

  /** When the tenant was deleted; empty for a tenant that is not deleted or does not exist. */
  Optional<Instant> deletedAt(Id tenantId);
}
