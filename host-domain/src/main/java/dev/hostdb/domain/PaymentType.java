package dev.hostdb.domain;

/**
 * How a tenant pays: a recurring subscription or a one-time payment. Stored as the constant's name
 * in lower case.
 */
public enum PaymentType {
  SUBSCRIPTION,
  ONE_TIME;

  /** The stored form, such as {@code subscription}. */
  public String code() {
    return Codes.code(this);
  }

  /** Reads the stored form; any other text is an error naming the allowed values. */
  public static PaymentType fromCode(String code) {
    return Codes.parse(PaymentType.class, "payment_type", code);
  }
}
