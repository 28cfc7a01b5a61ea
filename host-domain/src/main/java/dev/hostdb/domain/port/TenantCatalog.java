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

  /**
   * Records that the tenant's own database was created and migrated, at {@code at}, unless that is
   * already recorded ({@code core_tenants.provisioned_at}). The first call wins: of any number of
   * calls, also from several processes, exactly one answers {@code true}, which makes it the marker
   * for work to be done once, such as the audit entry.
   *
   * @return whether this call set the time; {@code false} when it was already set
   * @throws dev.hostdb.domain.error.NotFoundException when no tenant has the id
   */
  boolean markProvisioned(Id tenantId, Instant at);

  /** When the tenant's database was provisioned; empty when it was not, or for no such tenant. */
  Optional<Instant> provisionedAt(Id tenantId);

  /**
   * Records that the database of the deleted tenant was dropped, at {@code at}, unless that is
   * already recorded ({@code core_tenants.purged_at}); as {@link #markProvisioned}, exactly one
   * call answers {@code true}.
   *
   * @return whether this call set the time; {@code false} when it was already set
   * @throws dev.hostdb.domain.error.NotFoundException when no tenant has the id
   */
  boolean markPurged(Id tenantId, Instant at);

  /** When the tenant's database was purged; empty when it was not, or for no such tenant. */
  Optional<Instant> purgedAt(Id tenantId);
}
