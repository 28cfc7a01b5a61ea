package dev.hostdb.domain.error;

/**
 * The database refused to change or remove a row of an append-only table, such as the audit log
 * {@code sys_audit_logs}: its rows may only be inserted.
 */
public class AppendOnlyException extends ConflictException {
  private static final long serialVersionUID = 1L;

  private final String table;

  /**
   * @param operation what was being done, such as {@code "update audit entry"}
   * @param table the append-only table, such as {@code sys_audit_logs}
   * @param detail why the database said no, such as its SQLState; never row values
   */
  public AppendOnlyException(String operation, String table, String detail) {
    super(operation + ": " + table + " is append-only; rows cannot be changed or removed" + detail);
    this.table = table;
  }

  /** The append-only table that refused the change. */
  public String table() {
    return table;
  }
}
