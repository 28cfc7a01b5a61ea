package dev.hostdb.domain;

/** Where a system job is in its life. Stored as the constant's name in lower case. */
public enum JobStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** The stored form, such as {@code pending}. */
  public String code() {
    return Codes.code(this);
  }

  /** Reads the stored form; any other text is an error naming the allowed values. */
  public static JobStatus fromCode(String code) {
    return Codes.parse(JobStatus.class, "status", code);
  }
}
