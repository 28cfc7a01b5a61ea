package dev.hostdb.domain;

import java.time.Instant;

/**
 * A unit of background work such as provisioning a tenant's database ({@code sys_jobs}).
 *
 * @param id the job's id
 * @param jobType what to do, such as {@code tenant.provision}
 * @param status where the job is in its life
 * @param payload JSON text for the handler, or null
 * @param errorLog the last error, or null
 * @param createdAt when the job was enqueued
 * @param completedAt when it completed, or null
 */
public record SystemJob(
    Id id,
    String jobType,
    JobStatus status,
    String payload,
    String errorLog,
    Instant createdAt,
    Instant completedAt) {

  public SystemJob {
    Checks.required("id", id);
    Checks.requiredText("job_type", jobType);
    Checks.optionalText("job_type", jobType, 100);
    Checks.required("status", status);
    Checks.required("created_at", createdAt);
  }

  /** A new pending job. */
  public static SystemJob pending(Id id, String jobType, String payload, Instant createdAt) {
    return new SystemJob(id, jobType, JobStatus.PENDING, payload, null, createdAt, null);
  }
}
