package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;

/** Argument checks shared by the records; each failure names the field. */
final class Checks {
  private Checks() {}

  static <T> T required(String field, T value) {
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    return value;
  }

  static String requiredText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "is required and must not be blank");
    }
    return value;
  }

  static String optionalText(String field, String value, int maxLength) {
    if (value != null && value.length() > maxLength) {
      throw new InvalidInputException(field, "longer than " + maxLength + " characters");
    }
    return value;
  }

  static int notNegative(String field, int value) {
    if (value < 0) {
      throw new InvalidInputException(field, "must not be negative but was " + value);
    }
    return value;
  }
}
