package dev.hostdb.jobs;

import dev.hostdb.domain.error.HostDbException;
import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;

/**
 * Thrown by a {@link JobHandler} whose work is not due yet: the runner gives the job back to the
 * queue, due at {@link #runAfter()}, and the attempt is not counted.
 */
public final class RunLaterException extends HostDbException {
  private static final long serialVersionUID = 1L;

  private final Instant runAfter;

  /**
   * @param runAfter when the job is due again
   * @param reason why it waits, for the log
   * @throws InvalidInputException when {@code runAfter} is missing
   */
  public RunLaterException(Instant runAfter, String reason) {
    super("run later, at " + runAfter + ": " + reason);
    if (runAfter == null) {
      throw new InvalidInputException("run_after", "is required to run a job later");
    }
    this.runAfter = runAfter;
  }

  /** When the job is due again. */
  public Instant runAfter() {
    return runAfter;
  }
}
