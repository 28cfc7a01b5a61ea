package dev.hostdb.domain.error;

/**
 * Root of every error HostDB throws. Unchecked: callers catch the subtype they can act on.
 *
 * <p>Messages name the operation and the ids involved, and never a password, hash or credential.
 */
public abstract class HostDbException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected HostDbException(String message) {
    super(message);
  }

  protected HostDbException(String message, Throwable cause) {
    super(message, cause);
  }
}
