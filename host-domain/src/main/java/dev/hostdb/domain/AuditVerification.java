package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;
import java.util.Optional;

/**
 * What checking the audit log's hash chain found: either every entry is intact, or the first
 * problem in sequence order.
 *
 * @param entriesChecked how many entries were read before the check stopped
 * @param problem the first problem found; empty when the chain is intact
 */
public record AuditVerification(long entriesChecked, Optional<Problem> problem) {

  public AuditVerification {
    Checks.required("problem", problem);
    if (entriesChecked < 0) {
      throw new InvalidInputException(
          "entries_checked", "must not be negative but was " + entriesChecked);
    }
  }

  /**
   * A chain with no problem.
   *
   * @param entriesChecked how many entries were checked
   * @return the result
   */
  public static AuditVerification intact(long entriesChecked) {
    return new AuditVerification(entriesChecked, Optional.empty());
  }

  /**
   * A chain broken by {@code problem}.
   *
   * @param entriesChecked how many entries were read before the problem was found
   * @param problem what is wrong
   * @return the result
   */
  public static AuditVerification broken(long entriesChecked, Problem problem) {
    return new AuditVerification(entriesChecked, Optional.of(problem));
  }

  /** True when every entry is intact and linked to the one before it. */
  public boolean ok() {
    return problem.isEmpty();
  }

  /** How an entry departs from the chain. */
  public enum Kind {
    /** The entry's content no longer matches its stored hash. */
    CHANGED,
    /** An entry is missing: the sequence numbers jump over it. */
    REMOVED,
    /**
     * The entry was not appended through the log: it has no sequence number or hash, or it does not
     * link to the entry before it.
     */
    INSERTED
  }

  /**
   * The first problem found.
   *
   * @param kind what happened to the entry
   * @param entryId the id of the offending entry; empty for a {@link Kind#REMOVED} entry, whose row
   *     is gone
   * @param seq the entry's sequence number (for a removed entry, the missing one); empty for a row
   *     inserted without one
   * @param message what is wrong, naming the entry
   */
  public record Problem(Kind kind, Optional<Id> entryId, Optional<Long> seq, String message) {
    public Problem {
      Checks.required("kind", kind);
      Checks.required("entry_id", entryId);
      Checks.required("seq", seq);
      Checks.requiredText("message", message);
    }
  }
}
