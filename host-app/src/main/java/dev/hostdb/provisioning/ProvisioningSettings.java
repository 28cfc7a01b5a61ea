package dev.hostdb.provisioning;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Duration;

/**
 * How {@link TenantProvisioning} works.
 *
 * @param tenantChangelog the classpath location of the application's Liquibase changelog for a
 *     tenant's database, such as {@code db/tenant-changelog.xml}; required to provision, may be
 *     null for a service that only purges
 * @param purgeRetention how long a deleted tenant's database is kept before it may be purged; 30
 *     days by default
 * @param maintenanceDatabase the PostgreSQL database on a tenant's server in which {@code CREATE
 *     DATABASE} and {@code DROP DATABASE} run; {@code postgres} by default
 */
public record ProvisioningSettings(
    String tenantChangelog, Duration purgeRetention, String maintenanceDatabase) {
  /** The retention period unless told otherwise. */
  public static final Duration DEFAULT_PURGE_RETENTION = Duration.ofDays(30);

  /** The maintenance database unless told otherwise. */
  public static final String DEFAULT_MAINTENANCE_DATABASE = "postgres";

  /**
   * @throws InvalidInputException when the changelog is blank, the retention period missing or
   *     negative, or the maintenance database missing
   */
  public ProvisioningSettings {
    if (tenantChangelog != null && tenantChangelog.isBlank()) {
      throw new InvalidInputException("tenant changelog", "is blank; give a classpath location");
    }
    if (purgeRetention == null || purgeRetention.isNegative()) {
      throw new InvalidInputException("purge retention", "must be zero or more");
    }
    if (maintenanceDatabase == null || maintenanceDatabase.isBlank()) {
      throw new InvalidInputException("maintenance database", "is required");
    }
  }

  /** Settings that provision with {@code tenantChangelog}, with the default retention period. */
  public static ProvisioningSettings of(String tenantChangelog) {
    if (tenantChangelog == null) {
      throw new InvalidInputException("tenant changelog", "is required");
    }
    return new ProvisioningSettings(
        tenantChangelog, DEFAULT_PURGE_RETENTION, DEFAULT_MAINTENANCE_DATABASE);
  }

  /** Settings with no tenant changelog, for a service that only purges. */
  public static ProvisioningSettings purgeOnly() {
    return new ProvisioningSettings(null, DEFAULT_PURGE_RETENTION, DEFAULT_MAINTENANCE_DATABASE);
  }

  /** These settings with another retention period. */
  public ProvisioningSettings withPurgeRetention(Duration purgeRetention) {
    return new ProvisioningSettings(tenantChangelog, purgeRetention, maintenanceDatabase);
  }

  /** These settings with another PostgreSQL maintenance database. */
  public ProvisioningSettings withMaintenanceDatabase(String maintenanceDatabase) {
    return new ProvisioningSettings(tenantChangelog, purgeRetention, maintenanceDatabase);
  }
}
