package dev.hostdb.domain.error;

/** A record that an operation needs does not exist. */
public class NotFoundException extends HostDbException {
  private static final long serialVersionUID = 1L;

  /**
   * @param operation what was being done, such as {@code "add membership"}
   * @param record the kind of record missing, such as {@code "tenant"}
   * @param id the id that was looked up
   */
  public NotFoundException(String operation, String record, Object id) {
    super(operation + ": no " + record + " with id " + id);
  }
}
