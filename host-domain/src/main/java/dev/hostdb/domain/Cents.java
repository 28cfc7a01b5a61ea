package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;

/**
 * An amount of money in the currency's smallest unit (799 is $7.99), never negative.
 *
 * @param value the amount in cents
 */
public record Cents(long value) {
  public Cents {
    if (value < 0) {
      throw new InvalidInputException("amount", "must not be negative but was " + value);
    }
  }

  /** The amount, or null when {@code value} is null. */
  public static Cents ofNullable(Long value) {
    return value == null ? null : new Cents(value);
  }

  @Override
  public String toString() {
    return value + "¢";
  }
}
