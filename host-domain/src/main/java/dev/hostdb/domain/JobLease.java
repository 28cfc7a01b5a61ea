package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;

/**
 * The right of one worker to run one job until {@code until}. Every claim makes a new token, so a
 * worker whose lease ended and whose job was claimed again can no longer complete, fail, extend or
 * release it.
 *
 * @param jobId the leased job
 * @param token this claim's token; never shown by {@code toString}
 * @param owner the worker that claimed the job, for operators
 * @param attempt which attempt this is, from 1
 * @param until when the lease ends unless extended
 */
public record JobLease(Id jobId, String token, String owner, int attempt, Instant until) {
  public JobLease {
    Checks.required("job_id", jobId);
    Checks.requiredText("lease_token", token);
    Checks.requiredText("lease_owner", owner);
    Checks.required("lease_until", until);
    if (attempt < 1) {
      throw new InvalidInputException("attempt", "must be at least 1 but was " + attempt);
    }
  }

  /** This lease, ending at another time. */
  public JobLease extendedTo(Instant newUntil) {
    return new JobLease(jobId, token, owner, attempt, newUntil);
  }

  @Override
  public String toString() {
    return "JobLease[jobId="
        + jobId
        + ", owner="
        + owner
        + ", attempt="
        + attempt
        + ", until="
        + until
        + "]";
  }
}
