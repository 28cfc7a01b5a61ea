package dev.hostdb.jobs;

/**
 * Runs the jobs of one type. A job may run more than once — after a worker died, after a lease was
 * lost, or when a stopping runner gave the job back — so a handler must be idempotent: running a
 * job that already ran changes nothing more.
 */
@FunctionalInterface
public interface JobHandler {
  /**
   * Does the job's work. Returning completes the job; throwing fails this attempt, and the job is
   * retried after a backoff until it has no attempt left — except {@link
   * dev.hostdb.domain.error.InvalidInputException}, which fails it for good at once, and {@link
   * RunLaterException}, which gives it back to run at a later time without using an attempt. The
   * exception's class and message are stored in the job's {@code error_log}, so they must not hold
   * secrets.
   *
   * <p>A long handler should check {@link JobContext#stopRequested()} now and then, and must let
   * {@link InterruptedException} end it: the runner interrupts a handler whose lease was lost or
   * whose runner is past its shutdown deadline.
   */
  void handle(JobContext context) throws Exception;
}
