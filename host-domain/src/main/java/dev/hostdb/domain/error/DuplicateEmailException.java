package dev.hostdb.domain.error;

/** Another user already has this email address, compared case-insensitively. */
public class DuplicateEmailException extends ConflictException {
  private static final long serialVersionUID = 1L;

  private final String email;

  /**
   * @param operation what was being done, such as {@code "create user"}
   * @param email the normalised address that is taken
   */
  public DuplicateEmailException(String operation, String email) {
    super(operation + ": a user with email " + email + " already exists");
    this.email = email;
  }

  /** The normalised address that is already taken. */
  public String email() {
    return email;
  }
}
