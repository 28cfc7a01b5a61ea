package dev.hostdb.jdbc.routing;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.TenantCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A tenant catalog in memory that counts its lookups, so tests see when routing reads it. */
final class InMemoryTenants implements TenantCatalog {
  private final Map<Id, Tenant> tenants = new ConcurrentHashMap<>();
  private final Map<Id, Instant> deleted = new ConcurrentHashMap<>();
  private final Map<Id, Instant> provisioned = new ConcurrentHashMap<>();
  private final Map<Id, Instant> purged = new ConcurrentHashMap<>();
  private final AtomicLong lookups = new AtomicLong();

  Tenant add(String name, DatabaseUrl url) {
    return create(Tenant.create(Id.random(), name, url, Instant.parse("2026-12-01T00:00:00Z")));
  }

  long lookups() {
    return lookups.get();
  }

  @Override
  public Tenant create(Tenant tenant) {
    tenants.put(tenant.id(), tenant);
    return tenant;
  }

  @Override
  public Optional<Tenant> findById(Id id) {
    lookups.incrementAndGet();
    return Optional.ofNullable(tenants.get(id));
  }

  @Override
  public Tenant update(Tenant tenant) {
    if (tenants.replace(tenant.id(), tenant) == null) {
      throw new NotFoundException("update tenant", "tenant", tenant.id());
    }
    return tenant;
  }

  @Override
  public List<Tenant> list() {
    List<Tenant> all = new ArrayList<>(tenants.values());
    all.sort(Comparator.comparing(Tenant::name));
    return all;
  }

  @Override
  public long count() {
    return tenants.size();
  }

  @Override
  public void markDeleted(Id tenantId, Instant at) {
    Tenant tenant = tenants.get(tenantId);
    if (tenant == null) {
      throw new NotFoundException("delete tenant", "tenant", tenantId);
    }
    tenants.put(tenantId, tenant.withActive(false));
    deleted.put(tenantId, at);
  }

  @Override
  public Optional<Instant> deletedAt(Id tenantId) {
    return Optional.ofNullable(deleted.get(tenantId));
  }

  @Override
  public boolean markProvisioned(Id tenantId, Instant at) {
    return markOnce(provisioned, tenantId, at);
  }

  @Override
  public Optional<Instant> provisionedAt(Id tenantId) {
    return Optional.ofNullable(provisioned.get(tenantId));
  }

  @Override
  public boolean markPurged(Id tenantId, Instant at) {
    return markOnce(purged, tenantId, at);
  }

  @Override
  public Optional<Instant> purgedAt(Id tenantId) {
    return Optional.ofNullable(purged.get(tenantId));
  }

  private boolean markOnce(Map<Id, Instant> times, Id tenantId, Instant at) {
    if (!tenants.containsKey(tenantId)) {
      throw new NotFoundException("mark tenant", "tenant", tenantId);
    }
    return times.putIfAbsent(tenantId, at) == null;
  }
}
