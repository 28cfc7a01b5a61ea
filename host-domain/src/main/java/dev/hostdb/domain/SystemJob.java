package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;

/**
 * A unit of background work such as provisioning a tenant's database ({@code sys_jobs}).
 *
 * <p>The first seven components are the reference's columns; the others are HostDB's additions for
 * scheduling and leasing. A job is claimed by one worker at a time under a lease that ends at
 * {@code leaseUntil}; a job whose lease ended while it was still {@code running} (its worker died)
 * is claimed again.
 *
 * @param id the job's id
 * @param jobType what to do, such as {@code tenant.provision}
 * @param status where the job is in its life
 * @param payload JSON text for the handler, or null
 * @param errorLog the last error, or null
 * @param createdAt when the job was enqueued
 * @param completedAt when it completed or finally failed, or null
 * @param uniqueKey a key no other job has, or null; enqueueing a job whose key is taken is a no-op
 * @param priority higher runs first among due jobs
 * @param runAfter the job is not claimed before this time
 * @param attempts how many times the job has been claimed
 * @param maxAttempts after this many failed attempts the job fails for good
 * @param leaseOwner the worker holding the lease, or null
 * @param leaseUntil when the lease ends, or null
 */
public record SystemJob(
    Id id,
    String jobType,
    JobStatus status,
    String payload,
    String errorLog,
    Instant createdAt,
    Instant completedAt,
    String uniqueKey,
    int priority,
    Instant runAfter,
    int attempts,
    int maxAttempts,
    String leaseOwner,
    Instant leaseUntil) {

  /** The number of attempts a job gets unless it asks for another. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** The most attempts a job may ask for. */
  public static final int MAX_ATTEMPTS_LIMIT = 1_000;

  public SystemJob {
    Checks.required("id", id);
    Checks.requiredText("job_type", jobType);
    Checks.optionalText("job_type", jobType, 100);
    Checks.required("status", status);
    Checks.required("created_at", createdAt);
    Checks.optionalText("unique_key", uniqueKey, 200);
    if (uniqueKey != null && uniqueKey.isBlank()) {
      throw new InvalidInputException("unique_key", "must not be blank when given");
    }
    Checks.required("run_after", runAfter);
    Checks.notNegative("attempts", attempts);
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new InvalidInputException(
          "max_attempts",
          "must be between 1 and " + MAX_ATTEMPTS_LIMIT + " but was " + maxAttempts);
    }
    Checks.optionalText("lease_owner", leaseOwner, 200);
  }

  /**
   * A job with only the reference's columns: due at its creation, priority 0, not yet attempted,
   * {@link #DEFAULT_MAX_ATTEMPTS} attempts.
   */
  public SystemJob(
      Id id,
      String jobType,
      JobStatus status,
      String payload,
      String errorLog,
      Instant createdAt,
      Instant completedAt) {
    this(
        id,
        jobType,
        status,
        payload,
        errorLog,
        createdAt,
        completedAt,
        null,
        0,
        createdAt,
        0,
        DEFAULT_MAX_ATTEMPTS,
        null,
        null);
  }

  /** A new pending job, due at once. */
  public static SystemJob pending(Id id, String jobType, String payload, Instant createdAt) {
    return new SystemJob(id, jobType, JobStatus.PENDING, payload, null, createdAt, null);
  }

  /** This job with a unique key: enqueueing it while a job with the key exists is a no-op. */
  public SystemJob withUniqueKey(String key) {
    return new SystemJob(
        id,
        jobType,
        status,
        payload,
        errorLog,
        createdAt,
        completedAt,
        key,
        priority,
        runAfter,
        attempts,
        maxAttempts,
        leaseOwner,
        leaseUntil);
  }

  /** This job with another priority; higher runs first. */
  public SystemJob withPriority(int newPriority) {
    return new SystemJob(
        id,
        jobType,
        status,
        payload,
        errorLog,
        createdAt,
        completedAt,
        uniqueKey,
        newPriority,
        runAfter,
        attempts,
        maxAttempts,
        leaseOwner,
        leaseUntil);
  }

  /** This job, not to be claimed before {@code time}. */
  public SystemJob withRunAfter(Instant time) {
    return new SystemJob(
        id,
        jobType,
        status,
        payload,
        errorLog,
        createdAt,
        completedAt,
        uniqueKey,
        priority,
        time,
        attempts,
        maxAttempts,
        leaseOwner,
        leaseUntil);
  }

  /** This job with another attempt limit. */
  public SystemJob withMaxAttempts(int limit) {
    return new SystemJob(
        id,
        jobType,
        status,
        payload,
        errorLog,
        createdAt,
        completedAt,
        uniqueKey,
        priority,
        runAfter,
        attempts,
        limit,
        leaseOwner,
        leaseUntil);
  }
}
