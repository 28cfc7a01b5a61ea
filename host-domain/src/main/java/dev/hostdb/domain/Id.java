package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of a user, tenant, membership, subscription, audit entry or job: 32 lower-case hex digits,
 * the form the reference's {@code gen_id()} ({@code uuid4().hex}) writes.
 *
 * @param value the 32 hex digits
 */
public record Id(String value) implements Comparable<Id> {
  private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

  /** The actor recorded for work that HostDB does on its own, such as a background job. */
  public static final Id SYSTEM = new Id("0".repeat(32));

  public Id {
    if (value == null || !HEX32.matcher(value).matches()) {
      throw new InvalidInputException(
          "id", "expected 32 lower-case hex digits but got " + describe(value));
    }
  }

  /** Parses an id; upper-case hex digits are accepted and lowered. */
  public static Id of(String value) {
    return new Id(value == null ? null : value.strip().toLowerCase(java.util.Locale.ROOT));
  }

  /** A new random id, as {@code uuid4().hex}. */
  public static Id random() {
    return new Id(UUID.randomUUID().toString().replace("-", ""));
  }

  private static String describe(String value) {
    if (value == null) {
      return "nothing";
    }
    return value.length() > 40 ? "'" + value.substring(0, 40) + "…'" : "'" + value + "'";
  }

  @Override
  public int compareTo(Id other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
