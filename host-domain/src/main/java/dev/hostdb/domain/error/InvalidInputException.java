package dev.hostdb.domain.error;

/** A value given to HostDB is malformed or out of range; nothing was written. */
public class InvalidInputException extends HostDbException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the name of the offending field or argument, such as {@code "email"}
   * @param problem what is wrong with it; never the value itself when it may be a secret
   */
  public InvalidInputException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The name of the field or argument that was rejected. */
  public String field() {
    return field;
  }
}
