package dev.hostdb.provisioning;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.error.ConflictException;
import java.time.Instant;

/**
 * A deleted tenant's retention period has not passed: its database may be purged from {@link
 * #purgeableAt()} on, and a job asking earlier can be run again then.
 */
public class NotPurgeableYetException extends ConflictException {
  private static final long serialVersionUID = 1L;

  private final Instant purgeableAt;

  /**
   * @param tenantId the tenant
   * @param deletedAt when it was deleted
   * @param purgeableAt when its retention period ends
   */
  public NotPurgeableYetException(Id tenantId, Instant deletedAt, Instant purgeableAt) {
    super(
        "purge tenant "
            + tenantId
            + ": deleted at "
            + deletedAt
            + ", its database may be purged from "
            + purgeableAt
            + " on");
    this.purgeableAt = purgeableAt;
  }

  /** When the tenant's retention period ends. */
  public Instant purgeableAt() {
    return purgeableAt;
  }
}
