package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address in its normalised form: trimmed and lower-cased, so that two spellings of one
 * address are one user.
 *
 * @param value the normalised address
 */
public record Email(String value) {
  private static final int MAX_LENGTH = 254;
  private static final Pattern ADDRESS =
      Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+", Pattern.UNICODE_CHARACTER_CLASS);

  public Email {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("email", "an address is required");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidInputException("email", "longer than " + MAX_LENGTH + " characters");
    }
    if (!ADDRESS.matcher(value).matches()) {
      throw new InvalidInputException("email", "'" + value + "' is not an email address");
    }
    if (!value.equals(normalise(value))) {
      throw new InvalidInputException("email", "'" + value + "' is not normalised; use Email.of");
    }
  }

  /**
   * Normalises and checks an address: {@code " Ann@Example.COM "} becomes {@code ann@example.com}.
   */
  public static Email of(String raw) {
    return new Email(raw == null ? null : normalise(raw));
  }

  private static String normalise(String raw) {
    return raw.strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}
