package dev.hostdb.domain.error;

/**
 * A write conflicts with what is stored: a duplicate key, a broken reference, a rule such as "a
 * tenant keeps at least one active owner", or existing rows that a new constraint rejects.
 */
public class ConflictException extends HostDbException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
