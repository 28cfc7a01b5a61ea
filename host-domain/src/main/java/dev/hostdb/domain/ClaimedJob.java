package dev.hostdb.domain;

/**
 * A job as claimed by a worker, with the lease under which it runs.
 *
 * @param job the job as stored right after the claim ({@code running})
 * @param lease the worker's lease
 */
public record ClaimedJob(SystemJob job, JobLease lease) {
  public ClaimedJob {
    Checks.required("job", job);
    Checks.required("lease", lease);
  }
}
