package dev.hostdb.domain.port;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.SystemJob;
import java.util.List;
import java.util.Optional;

/** Background work ({@code sys_jobs}). */
public interface JobQueue {
  /**
   * Adds a job; inside a transaction the job exists only if the transaction commits.
   *
   * @throws dev.hostdb.domain.error.ConflictException when the id is taken
   */
  SystemJob enqueue(SystemJob job);

  /** The job with this id. */
  Optional<SystemJob> find(Id id);

  /** Jobs in the given status, oldest first, at most {@code limit}. */
  List<SystemJob> list(JobStatus status, int limit);

  /** The number of jobs in any status. */
  long count();
}
