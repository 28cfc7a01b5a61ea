package dev.hostdb.provisioning;

/**
 * What one call of {@link TenantProvisioning#provision} or {@link TenantProvisioning#purge} did.
 */
public enum ProvisioningOutcome {
  /** This call finished the provisioning and wrote the {@code tenant.provisioned} entry. */
  PROVISIONED,
  /** The tenant was already provisioned; nothing was done. */
  ALREADY_PROVISIONED,
  /** This call finished the purge and wrote the {@code tenant.purged} entry. */
  PURGED,
  /** The tenant was already purged; nothing was done. */
  ALREADY_PURGED
}
