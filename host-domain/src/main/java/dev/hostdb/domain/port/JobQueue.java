package dev.hostdb.domain.port;

import dev.hostdb.domain.ClaimedJob;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobLease;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.SystemJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Background work ({@code sys_jobs}): a durable queue whose jobs are claimed under leases.
 *
 * <p>A claim moves due jobs to {@code running} under a lease held by one worker. The worker then
 * completes the job, fails it (it is retried later or, after its last attempt, fails for good),
 * releases it, or extends the lease while it works. A job whose lease ends while it is still
 * running (its worker died or hung) is claimed again; one that had no attempt left fails instead.
 * Every call that takes a {@link JobLease} does nothing and answers so when the lease is no longer
 * the job's current one.
 *
 * <p>Times are passed in by the caller, who reads them from its clock.
 */
public interface JobQueue {
  /**
   * Adds a job; inside a transaction the job exists only if the transaction commits. When the job
   * has a {@link SystemJob#uniqueKey() unique key} that a stored job already has, nothing is
   * written and the stored job is returned.
   *
   * @return the job as stored: the given one, or the one that already had its unique key
   * @throws dev.hostdb.domain.error.ConflictException when the id is taken
   */
  SystemJob enqueue(SystemJob job);

  /** The job with this id. */
  Optional<SystemJob> find(Id id);

  /** The job with this unique key. */
  Optional<SystemJob> findByUniqueKey(String uniqueKey);

  /** Jobs in the given status, oldest first, at most {@code limit}. */
  List<SystemJob> list(JobStatus status, int limit);

  /** The number of jobs in any status. */
  long count();

  /** The number of jobs in the given status. */
  long count(JobStatus status);

  /**
   * Claims up to {@code max} jobs that are due at {@code now}: pending jobs whose run-after time
   * has come, and running jobs whose lease ended, highest priority first, then earliest run-after
   * time. Each claimed job counts one more attempt and is leased to {@code owner} until {@code now
   * + lease}. Concurrent claims never return the same job. Running jobs whose lease ended after
   * their last attempt are marked {@code failed} instead, with the reason in {@code error_log}.
   *
   * @param jobTypes the job types the caller can run; empty for any type
   */
  List<ClaimedJob> claim(String owner, List<String> jobTypes, int max, Instant now, Duration lease);

  /**
   * Extends the lease to {@code now + extension}.
   *
   * @return the extended lease, or empty when the lease is no longer the job's current one
   */
  Optional<JobLease> heartbeat(JobLease lease, Instant now, Duration extension);

  /**
   * Marks the job {@code completed} at {@code now}.
   *
   * @return false when the lease is no longer the job's current one; nothing changed
   */
  boolean complete(JobLease lease, Instant now);

  /**
   * Records a failed attempt: the job is {@code pending} again, due at {@code retryAt}, or {@code
   * failed} for good when this was its last attempt or {@code retryAt} is null. The error is kept
   * in {@code error_log} either way.
   *
   * @return the job's status afterwards, or empty when the lease is no longer the job's current
   *     one; nothing changed
   */
  Optional<JobStatus> fail(JobLease lease, String error, Instant retryAt, Instant now);

  /**
   * Gives the job back unfinished: it is {@code pending} and due at once, and this attempt is not
   * counted. For a worker that stops before it could finish.
   *
   * @return false when the lease is no longer the job's current one; nothing changed
   */
  boolean release(JobLease lease);

  /**
   * Gives the job back to run later: it is {@code pending} and due at {@code runAfter}, and this
   * attempt is not counted. For a handler that finds its work not yet due.
   *
   * @return false when the lease is no longer the job's current one; nothing changed
   */
  boolean defer(JobLease lease, Instant runAfter);

  /**
   * Puts a {@code failed} or {@code cancelled} job back in the queue: {@code pending}, due at
   * {@code now}, with all its attempts again; its last error stays in {@code error_log} until the
   * next attempt ends.
   *
   * @return the job as stored afterwards
   * @throws dev.hostdb.domain.error.NotFoundException when no job has the id
   * @throws dev.hostdb.domain.error.ConflictException when the job is pending, running or
   *     completed; nothing changed
   */
  SystemJob retry(Id jobId, Instant now);

  /**
   * Cancels a {@code pending} job: it is {@code cancelled}, finished at {@code now}, and never
   * claimed. A running job cannot be cancelled: its worker would not know.
   *
   * @return the job as stored afterwards
   * @throws dev.hostdb.domain.error.NotFoundException when no job has the id
   * @throws dev.hostdb.domain.error.ConflictException when the job is not pending; nothing changed
   */
  SystemJob cancel(Id jobId, Instant now);

  /**
   * Deletes up to {@code limit} {@code completed} and {@code cancelled} jobs that finished before
   * {@code before}, the oldest first. Failed jobs stay: an operator retries them or leaves them.
   *
   * @param limit 1 to 10,000
   * @return how many jobs were deleted
   */
  int prune(Instant before, int limit);
}
