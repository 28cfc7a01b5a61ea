package dev.hostdb.jobs;

import dev.hostdb.domain.JobLease;
import dev.hostdb.domain.SystemJob;
import java.util.concurrent.atomic.AtomicBoolean;

/** What a {@link JobHandler} knows about the job it runs. */
public final class JobContext {
  private final SystemJob job;
  private final JobLease lease;
  private final AtomicBoolean stopRequested;

  JobContext(SystemJob job, JobLease lease, AtomicBoolean stopRequested) {
    this.job = job;
    this.lease = lease;
    this.stopRequested = stopRequested;
  }

  /** The job as claimed. */
  public SystemJob job() {
    return job;
  }

  /** The job's JSON payload, or null. */
  public String payload() {
    return job.payload();
  }

  /** Which attempt this is, from 1. */
  public int attempt() {
    return lease.attempt();
  }

  /** Whether this is the job's last attempt: failing it fails the job for good. */
  public boolean lastAttempt() {
    return lease.attempt() >= job.maxAttempts();
  }

  /**
   * Whether the runner asked the handler to stop early: it is shutting down, or the job's lease was
   * lost to another worker. A handler that sees this should return or throw soon.
   */
  public boolean stopRequested() {
    return stopRequested.get() || Thread.currentThread().isInterrupted();
  }

  @Override
  public String toString() {
    return "JobContext[" + job.jobType() + " " + job.id() + ", attempt " + lease.attempt() + "]";
  }
}
