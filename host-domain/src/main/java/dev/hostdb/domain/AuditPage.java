package dev.hostdb.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of audit entries, newest first.
 *
 * @param entries the entries on this page
 * @param nextCursor pass to {@link AuditQuery#after(String)} for the next page; empty on the last
 *     page. It is opaque: only the log that made it can read it.
 */
public record AuditPage(List<AuditEntry> entries, Optional<String> nextCursor) {
  public AuditPage {
    entries = List.copyOf(Checks.required("entries", entries));
    Checks.required("next_cursor", nextCursor);
  }
}
