package dev.hostdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobLeaseTest {
  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void never_shows_its_token() {
    JobLease lease = new JobLease(Id.random(), "s3cr3t-token", "worker-1", 1, T0);

    assertThat(lease.toString()).doesNotContain("s3cr3t-token").contains("worker-1");
    assertThat(lease.extendedTo(T0.plusSeconds(5)).toString()).doesNotContain("s3cr3t-token");
  }

  @Test
  void rejects_a_lease_without_token_or_a_first_attempt() {
    assertThatThrownBy(() -> new JobLease(Id.random(), " ", "w", 1, T0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("lease_token");
    assertThatThrownBy(() -> new JobLease(Id.random(), "t", "w", 0, T0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("attempt");
  }

  @Test
  void a_job_refuses_an_attempt_limit_outside_one_to_a_thousand_and_a_blank_unique_key() {
    SystemJob job = SystemJob.pending(Id.random(), "tenant.purge", null, T0);

    assertThatThrownBy(() -> job.withMaxAttempts(0)).hasMessageContaining("max_attempts");
    assertThatThrownBy(() -> job.withMaxAttempts(1_001)).hasMessageContaining("max_attempts");
    assertThatThrownBy(() -> job.withUniqueKey(" ")).hasMessageContaining("unique_key");
    assertThat(job.withMaxAttempts(1_000).maxAttempts()).isEqualTo(1_000);
    assertThat(job.runAfter()).isEqualTo(T0);
  }
}
