package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;

/**
 * Which audit entries to list, newest first (by sequence number), one page at a time. Every filter
 * is optional and they combine with AND; start from {@link #newestFirst(int)} and narrow it with
 * the {@code with…} methods.
 *
 * @param actorUserId only entries by this actor, or null for any
 * @param targetId only entries about this record, or null for any
 * @param eventType only entries of this type, or null for any
 * @param from only entries created at or after this instant, or null
 * @param until only entries created before this instant, or null
 * @param limit the most entries on one page, 1 to {@value #MAX_LIMIT}
 * @param cursor where the previous page ended ({@link AuditPage#nextCursor()}), or null for the
 *     first page
 */
public record AuditQuery(
    Id actorUserId,
    String targetId,
    String eventType,
    Instant from,
    Instant until,
    int limit,
    String cursor) {

  /** The largest page. */
  public static final int MAX_LIMIT = 1_000;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException(
          "limit", "must be between 1 and " + MAX_LIMIT + " but was " + limit);
    }
    if (targetId != null && targetId.isBlank()) {
      throw new InvalidInputException("target_id", "must not be blank");
    }
    if (eventType != null && eventType.isBlank()) {
      throw new InvalidInputException("event_type", "must not be blank");
    }
    if (from != null && until != null && !from.isBefore(until)) {
      throw new InvalidInputException(
          "until", "must be after from (" + from + ") but was " + until);
    }
    if (cursor != null && cursor.isBlank()) {
      throw new InvalidInputException("cursor", "must not be blank");
    }
  }

  /**
   * Every entry, newest first.
   *
   * @param limit the most entries on one page, 1 to {@value #MAX_LIMIT}
   * @return the query
   * @throws InvalidInputException naming {@code limit} when it is out of range
   */
  public static AuditQuery newestFirst(int limit) {
    return new AuditQuery(null, null, null, null, null, limit, null);
  }

  /**
   * Narrows to one actor.
   *
   * @param actor who acted
   * @return a copy with the filter
   */
  public AuditQuery withActor(Id actor) {
    return new AuditQuery(
        Checks.required("actor_user_id", actor), targetId, eventType, from, until, limit, cursor);
  }

  /**
   * Narrows to one target.
   *
   * @param target the id of the record acted on
   * @return a copy with the filter
   */
  public AuditQuery withTarget(String target) {
    return new AuditQuery(
        actorUserId, Checks.required("target_id", target), eventType, from, until, limit, cursor);
  }

  /**
   * Narrows to one event type.
   *
   * @param type such as {@code tenant.created}
   * @return a copy with the filter
   */
  public AuditQuery withEventType(String type) {
    return new AuditQuery(
        actorUserId, targetId, Checks.required("event_type", type), from, until, limit, cursor);
  }

  /**
   * Narrows to entries created in {@code [start, end)}.
   *
   * @param start the earliest creation time included, or null for no lower bound
   * @param end the first creation time excluded, or null for no upper bound
   * @return a copy with the range
   */
  public AuditQuery withCreatedBetween(Instant start, Instant end) {
    return new AuditQuery(actorUserId, targetId, eventType, start, end, limit, cursor);
  }

  /**
   * Continues after a page.
   *
   * @param next the page's {@link AuditPage#nextCursor()}
   * @return a copy that lists the entries after that page
   */
  public AuditQuery after(String next) {
    return new AuditQuery(
        actorUserId, targetId, eventType, from, until, limit, Checks.required("cursor", next));
  }
}
