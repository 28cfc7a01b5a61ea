package dev.hostdb.domain;

import java.time.Instant;

/**
 * One line of the append-only audit trail ({@code sys_audit_logs}; the reference's {@code
 * HostAuditLog}).
 *
 * @param id the entry's id
 * @param actorUserId who acted; {@link Id#SYSTEM} for HostDB itself
 * @param eventType what happened, such as {@code tenant.created}
 * @param targetId the id of the record acted on, or null
 * @param details JSON text, or null
 * @param ipAddress the caller's address, or null
 * @param createdAt when it happened
 */
public record AuditEntry(
    Id id,
    Id actorUserId,
    String eventType,
    String targetId,
    String details,
    String ipAddress,
    Instant createdAt) {

  public AuditEntry {
    Checks.required("id", id);
    Checks.required("actor_user_id", actorUserId);
    Checks.requiredText("event_type", eventType);
    Checks.optionalText("event_type", eventType, 100);
    Checks.optionalText("ip_address", ipAddress, 45);
    Checks.required("created_at", createdAt);
  }
}
