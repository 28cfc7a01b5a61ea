package dev.hostdb.domain;

/** What a member may do in a tenant. Stored as the constant's name in lower case. */
public enum Role {
  OWNER,
  ADMIN,
  MEMBER;

  /** The stored form, such as {@code owner}. */
  public String code() {
    return Codes.code(this);
  }

  /** Reads the stored form; any other text is an error naming the allowed values. */
  public static Role fromCode(String code) {
    return Codes.parse(Role.class, "role", code);
  }
}
