package dev.hostdb.domain;

import java.time.Instant;

/**
 * A tenant and where its own database lives ({@code core_tenants}; the reference's {@code
 * TenantCatalog}).
 *
 * @param id the tenant's id
 * @param name the display name
 * @param dbUrl the tenant's database; its password never shows in {@code toString}
 * @param active false while the tenant is suspended: it grants no access and routes nowhere
 * @param planTier the pricing tier, {@code free} by default
 * @param createdAt when the tenant was created
 */
public record Tenant(
    Id id, String name, DatabaseUrl dbUrl, boolean active, String planTier, Instant createdAt) {

  /** The tier of a tenant that has not chosen one. */
  public static final String DEFAULT_PLAN_TIER = "free";

  public Tenant {
    Checks.required("id", id);
    Checks.requiredText("name", name);
    Checks.optionalText("name", name, 200);
    Checks.required("db_url", dbUrl);
    Checks.requiredText("plan_tier", planTier);
    Checks.required("created_at", createdAt);
  }

  /** A new active tenant on the free tier. */
  public static Tenant create(Id id, String name, DatabaseUrl dbUrl, Instant createdAt) {
    return new Tenant(id, name, dbUrl, true, DEFAULT_PLAN_TIER, createdAt);
  }

  /** This tenant, active or suspended. */
  public Tenant withActive(boolean active) {
    return new Tenant(id, name, dbUrl, active, planTier, createdAt);
  }

  /** This tenant on another tier. */
  public Tenant withPlanTier(String planTier) {
    return new Tenant(id, name, dbUrl, active, planTier, createdAt);
  }
}
