package dev.hostdb.domain.error;

/**
 * The database could not be reached or did not answer in time, or its schema could not be brought
 * up to date. Retrying later may succeed; nothing was written.
 */
public class StorageUnavailableException extends HostDbException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageUnavailableException(String message) {
    super(message);
  }
}
