package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point of the audit chain kept outside the database: an entry's sequence number and hash, in the
 * text form {@code <seq>:<64 hex digits>}. The chain alone cannot show that its newest entries were
 * cut off, or that someone who could write the table rebuilt every hash after a change; a chain
 * that still holds an anchor taken earlier, with the same hash, was not rewritten up to it.
 *
 * @param seq the entry's sequence number, from 1
 * @param entryHash the entry's hash, 64 lower-case hex digits
 */
public record AuditAnchor(long seq, String entryHash) {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,18}):([0-9a-f]{64})");

  public AuditAnchor {
    if (seq < 1) {
      throw new InvalidInputException(
          "anchor", "sequence number must be at least 1 but was " + seq);
    }
    if (entryHash == null || !HASH.matcher(entryHash).matches()) {
      throw new InvalidInputException("anchor", "hash must be 64 lower-case hex digits");
    }
  }

  /**
   * Reads the text form {@code <seq>:<hash>}.
   *
   * @throws InvalidInputException naming {@code anchor} for any other text
   */
  public static AuditAnchor parse(String text) {
    Matcher matcher = text == null ? null : TEXT.matcher(text.strip());
    if (matcher == null || !matcher.matches()) {
      throw new InvalidInputException(
          "anchor", "expected <sequence number>:<64 lower-case hex digits> but was '" + text + "'");
    }
    return new AuditAnchor(Long.parseLong(matcher.group(1)), matcher.group(2));
  }

  /** The text form, {@code <seq>:<hash>}, that {@link #parse} reads. */
  @Override
  public String toString() {
    return seq + ":" + entryHash;
  }
}
