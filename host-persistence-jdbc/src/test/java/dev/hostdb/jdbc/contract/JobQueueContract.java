package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.ClaimedJob;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobLease;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every adapter's {@link JobQueue} must do (#5). */
public abstract class JobQueueContract extends StoreContract {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private JobQueue jobs() {
    return store.jobs();
  }

  private SystemJob pending(String type) {
    return SystemJob.pending(Id.random(), type, null, now);
  }

  private ClaimedJob claimOne(String owner, Instant at) {
    List<ClaimedJob> claimed = jobs().claim(owner, List.of(), 1, at, LEASE);
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }

  @Test
  void enqueues_finds_and_lists_pending_jobs_oldest_first() {
    SystemJob second = SystemJob.pending(Id.random(), "tenant.purge", "{\"t\":2}", later(2));
    SystemJob first = SystemJob.pending(Id.random(), "tenant.provision", "{\"t\":1}", later(1));
    jobs().enqueue(second);
    jobs().enqueue(first);

    assertThat(jobs().find(first.id())).contains(first);
    assertThat(jobs().list(JobStatus.PENDING, 10)).containsExactly(first, second);
    assertThat(jobs().list(JobStatus.FAILED, 10)).isEmpty();
    assertThat(jobs().count()).isEqualTo(2);
    assertThat(jobs().count(JobStatus.PENDING)).isEqualTo(2);
    assertThat(jobs().count(JobStatus.RUNNING)).isZero();
  }

  @Test
  void keeps_a_finished_job_with_its_error() {
    SystemJob failed =
        new SystemJob(
            Id.random(), "tenant.provision", JobStatus.FAILED, null, "disk full", now, later(9));

    jobs().enqueue(failed);

    assertThat(jobs().find(failed.id())).contains(failed);
  }

  @Test
  void keeps_every_scheduling_column_of_an_enqueued_job() {
    SystemJob job =
        pending("tenant.backup")
            .withUniqueKey("backup:acme")
            .withPriority(7)
            .withRunAfter(later(60))
            .withMaxAttempts(3);

    SystemJob stored = jobs().enqueue(job);

    assertThat(stored).isEqualTo(job);
    assertThat(jobs().find(job.id())).contains(job);
    assertThat(jobs().findByUniqueKey("backup:acme")).contains(job);
    assertThat(jobs().findByUniqueKey("backup:other")).isEmpty();
  }

  @Test
  void a_job_enqueued_in_a_transaction_that_rolls_back_does_not_exist() {
    SystemJob job = pending("tenant.provision");

    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          jobs().enqueue(job);
                          throw new IllegalStateException("provisioning refused");
                        }))
        .hasMessageContaining("provisioning refused");

    assertThat(jobs().find(job.id())).isEmpty();
    assertThat(jobs().count()).isZero();
  }

  @Test
  void enqueueing_a_taken_unique_key_writes_nothing_and_returns_the_stored_job() {
    SystemJob first = pending("tenant.purge").withUniqueKey("purge:acme");
    SystemJob second = SystemJob.pending(Id.random(), "tenant.purge", "{}", later(5));

    jobs().enqueue(first);
    SystemJob answer = jobs().enqueue(second.withUniqueKey("purge:acme"));

    assertThat(answer).isEqualTo(first);
    assertThat(jobs().find(second.id())).isEmpty();
    assertThat(jobs().count()).isOne();
  }

  @Test
  void a_taken_unique_key_inside_a_transaction_lets_the_transaction_go_on() {
    SystemJob first = pending("tenant.purge").withUniqueKey("purge:acme");
    SystemJob other = pending("tenant.backup");

    store
        .transactions()
        .inTransaction(
            () -> {
              jobs().enqueue(first);
              jobs().enqueue(pending("tenant.purge").withUniqueKey("purge:acme"));
              return jobs().enqueue(other);
            });

    assertThat(jobs().count()).isEqualTo(2);
    assertThat(jobs().find(other.id())).contains(other);
  }

  @Test
  void enqueueing_a_taken_id_is_a_conflict() {
    SystemJob job = pending("tenant.provision");
    jobs().enqueue(job);

    assertThatThrownBy(() -> jobs().enqueue(SystemJob.pending(job.id(), "tenant.purge", null, now)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(job.id().value());
  }

  @Test
  void claims_the_highest_priority_then_the_earliest_due_and_leaves_jobs_not_yet_due() {
    SystemJob low = jobs().enqueue(pending("a").withRunAfter(later(1)));
    SystemJob highLate = jobs().enqueue(pending("a").withPriority(5).withRunAfter(later(3)));
    SystemJob highEarly = jobs().enqueue(pending("a").withPriority(5).withRunAfter(later(2)));
    SystemJob notYetDue = jobs().enqueue(pending("a").withPriority(9).withRunAfter(later(20)));

    List<ClaimedJob> claimed = jobs().claim("w1", List.of(), 10, later(10), LEASE);

    assertThat(claimed)
        .extracting(c -> c.job().id())
        .containsExactly(highEarly.id(), highLate.id(), low.id());
    assertThat(jobs().find(notYetDue.id()).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
    assertThat(jobs().claim("w1", List.of(), 10, later(19), LEASE)).isEmpty();
    assertThat(jobs().claim("w1", List.of(), 10, later(20), LEASE))
        .extracting(c -> c.job().id())
        .containsExactly(notYetDue.id());
  }

  @Test
  void claims_at_most_max_jobs_and_only_of_the_given_types() {
    for (int i = 0; i < 3; i++) {
      jobs().enqueue(pending("tenant.provision"));
    }
    SystemJob purge = jobs().enqueue(pending("tenant.purge"));

    List<ClaimedJob> purges = jobs().claim("w1", List.of("tenant.purge"), 10, later(1), LEASE);
    List<ClaimedJob> two = jobs().claim("w1", List.of(), 2, later(1), LEASE);

    assertThat(purges).extracting(c -> c.job().id()).containsExactly(purge.id());
    assertThat(two).hasSize(2).allMatch(c -> c.job().jobType().equals("tenant.provision"));
    assertThat(jobs().count(JobStatus.PENDING)).isOne();
  }

  @Test
  void a_claim_leases_the_job_to_the_owner_for_its_first_attempt() {
    SystemJob job = jobs().enqueue(pending("tenant.provision"));

    ClaimedJob claimed = claimOne("worker-1", later(1));

    JobLease lease = claimed.lease();
    assertThat(lease.jobId()).isEqualTo(job.id());
    assertThat(lease.owner()).isEqualTo("worker-1");
    assertThat(lease.attempt()).isOne();
    assertThat(lease.until()).isEqualTo(later(1).plus(LEASE));
    assertThat(lease.token()).isNotBlank();
    assertThat(lease.toString()).doesNotContain(lease.token());
    assertThat(claimed.job().status()).isEqualTo(JobStatus.RUNNING);
    assertThat(claimed.job().attempts()).isOne();
    assertThat(claimed.job().leaseOwner()).isEqualTo("worker-1");
    assertThat(claimed.job().leaseUntil()).isEqualTo(lease.until());
    assertThat(jobs().find(job.id())).contains(claimed.job());
    assertThat(jobs().claim("worker-2", List.of(), 10, later(2), LEASE)).isEmpty();
  }

  @Test
  void a_heartbeat_extends_the_lease_so_the_job_is_not_claimed_again() {
    jobs().enqueue(pending("tenant.provision"));
    JobLease lease = claimOne("w1", later(1)).lease();

    JobLease extended = jobs().heartbeat(lease, later(20), Duration.ofSeconds(60)).orElseThrow();

    assertThat(extended.until()).isEqualTo(later(80));
    assertThat(extended.attempt()).isOne();
    assertThat(jobs().find(lease.jobId()).orElseThrow().leaseUntil()).isEqualTo(later(80));
    assertThat(jobs().claim("w2", List.of(), 10, later(60), LEASE)).isEmpty();
    assertThat(jobs().complete(extended, later(70))).isTrue();
  }

  @Test
  void complete_marks_the_job_completed_and_ends_the_lease() {
    jobs().enqueue(pending("tenant.provision"));
    JobLease lease = claimOne("w1", later(1)).lease();

    assertThat(jobs().complete(lease, later(5))).isTrue();

    SystemJob done = jobs().find(lease.jobId()).orElseThrow();
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.completedAt()).isEqualTo(later(5));
    assertThat(done.leaseUntil()).isNull();
    assertThat(jobs().complete(lease, later(6))).isFalse();
    assertThat(jobs().claim("w2", List.of(), 10, later(1000), LEASE)).isEmpty();
  }

  @Test
  void a_failed_attempt_makes_the_job_pending_at_its_retry_time_with_the_error_kept() {
    jobs().enqueue(pending("tenant.provision"));
    JobLease lease = claimOne("w1", later(1)).lease();

    assertThat(jobs().fail(lease, "connection refused", later(30), later(2)))
        .contains(JobStatus.PENDING);

    SystemJob retried = jobs().find(lease.jobId()).orElseThrow();
    assertThat(retried.status()).isEqualTo(JobStatus.PENDING);
    assertThat(retried.runAfter()).isEqualTo(later(30));
    assertThat(retried.errorLog()).isEqualTo("connection refused");
    assertThat(retried.completedAt()).isNull();
    assertThat(retried.leaseOwner()).isNull();
    assertThat(jobs().claim("w1", List.of(), 10, later(29), LEASE)).isEmpty();
    ClaimedJob second = claimOne("w2", later(30));
    assertThat(second.lease().attempt()).isEqualTo(2);
    assertThat(second.job().errorLog()).isEqualTo("connection refused");
  }

  @Test
  void the_last_failed_attempt_fails_the_job_for_good() {
    jobs().enqueue(pending("tenant.provision").withMaxAttempts(2));
    JobLease first = claimOne("w1", later(1)).lease();
    jobs().fail(first, "timeout", later(2), later(1));
    JobLease last = claimOne("w1", later(3)).lease();

    assertThat(jobs().fail(last, "timeout again", later(10), later(4))).contains(JobStatus.FAILED);

    SystemJob failed = jobs().find(last.jobId()).orElseThrow();
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.attempts()).isEqualTo(2);
    assertThat(failed.errorLog()).isEqualTo("timeout again");
    assertThat(failed.completedAt()).isEqualTo(later(4));
    assertThat(jobs().claim("w1", List.of(), 10, later(1000), LEASE)).isEmpty();
  }

  @Test
  void a_failure_without_a_retry_time_fails_the_job_for_good() {
    jobs().enqueue(pending("tenant.provision"));
    JobLease lease = claimOne("w1", later(1)).lease();

    assertThat(jobs().fail(lease, "tenant not found", null, later(2))).contains(JobStatus.FAILED);

    assertThat(jobs().find(lease.jobId()).orElseThrow().completedAt()).isEqualTo(later(2));
  }

  @Test
  void a_very_long_error_is_cut_and_says_so() {
    jobs().enqueue(pending("tenant.provision"));
    JobLease lease = claimOne("w1", later(1)).lease();

    jobs().fail(lease, "x".repeat(100_000), later(5), later(2));

    String kept = jobs().find(lease.jobId()).orElseThrow().errorLog();
    assertThat(kept).hasSize(4_000).startsWith("xxx").endsWith("of 100000 characters]");
  }

  @Test
  void an_expired_lease_is_claimed_again_and_the_old_lease_can_no_longer_touch_the_job() {
    jobs().enqueue(pending("tenant.provision"));
    JobLease old = claimOne("w1", later(1)).lease();

    ClaimedJob again = claimOne("w2", old.until().plusMillis(1));

    assertThat(again.job().id()).isEqualTo(old.jobId());
    assertThat(again.lease().attempt()).isEqualTo(2);
    assertThat(again.lease().owner()).isEqualTo("w2");
    assertThat(jobs().complete(old, later(40))).isFalse();
    assertThat(jobs().fail(old, "late", later(50), later(40))).isEmpty();
    assertThat(jobs().heartbeat(old, later(40), LEASE)).isEmpty();
    assertThat(jobs().release(old)).isFalse();
    SystemJob stored = jobs().find(old.jobId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(stored.leaseOwner()).isEqualTo("w2");
    assertThat(stored.attempts()).isEqualTo(2);
    assertThat(jobs().complete(again.lease(), later(41))).isTrue();
  }

  @Test
  void a_lease_that_ended_but_was_not_claimed_again_can_still_complete() {
    jobs().enqueue(pending("tenant.provision"));
    JobLease lease = claimOne("w1", later(1)).lease();

    assertThat(jobs().complete(lease, lease.until().plusSeconds(5))).isTrue();
  }

  @Test
  void release_gives_the_job_back_without_counting_the_attempt() {
    jobs().enqueue(pending("tenant.provision"));
    JobLease lease = claimOne("w1", later(1)).lease();

    assertThat(jobs().release(lease)).isTrue();

    SystemJob released = jobs().find(lease.jobId()).orElseThrow();
    assertThat(released.status()).isEqualTo(JobStatus.PENDING);
    assertThat(released.attempts()).isZero();
    assertThat(released.leaseOwner()).isNull();
    assertThat(jobs().release(lease)).isFalse();
    assertThat(claimOne("w2", later(2)).lease().attempt()).isOne();
  }

  @Test
  void defer_gives_the_job_back_due_later_without_counting_the_attempt() {
    jobs().enqueue(pending("tenant.purge"));
    JobLease lease = claimOne("w1", later(1)).lease();

    assertThat(jobs().defer(lease, later(3_600))).isTrue();

    SystemJob deferred = jobs().find(lease.jobId()).orElseThrow();
    assertThat(deferred.status()).isEqualTo(JobStatus.PENDING);
    assertThat(deferred.attempts()).isZero();
    assertThat(deferred.runAfter()).isEqualTo(later(3_600));
    assertThat(deferred.leaseOwner()).isNull();
    assertThat(jobs().defer(lease, later(7_200))).isFalse();
    assertThat(jobs().claim("w2", List.of(), 10, later(3_599), LEASE)).isEmpty();
    assertThat(claimOne("w2", later(3_600)).lease().attempt()).isOne();
    assertRejected("run_after", () -> jobs().defer(lease, null));
  }

  @Test
  void retry_puts_a_failed_job_back_with_all_its_attempts() {
    SystemJob job = jobs().enqueue(pending("tenant.provision").withMaxAttempts(1));
    JobLease lease = claimOne("w1", later(1)).lease();
    assertThat(jobs().fail(lease, "disk full", later(2), later(2))).contains(JobStatus.FAILED);

    SystemJob retried = jobs().retry(job.id(), later(10));

    assertThat(retried.status()).isEqualTo(JobStatus.PENDING);
    assertThat(retried.attempts()).isZero();
    assertThat(retried.runAfter()).isEqualTo(later(10));
    assertThat(retried.completedAt()).isNull();
    assertThat(retried.errorLog()).isEqualTo("disk full");
    assertThat(jobs().find(job.id())).contains(retried);
    assertThat(jobs().claim("w2", List.of(), 10, later(9), LEASE)).isEmpty();
    assertThat(claimOne("w2", later(10)).lease().attempt()).isOne();
  }

  @Test
  void retry_refuses_a_job_that_is_not_failed_or_cancelled_and_an_unknown_one() {
    SystemJob job = jobs().enqueue(pending("tenant.provision"));

    assertThatThrownBy(() -> jobs().retry(job.id(), later(1)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(job.id().value())
        .hasMessageContaining("is pending");
    Id unknown = Id.random();
    assertThatThrownBy(() -> jobs().retry(unknown, later(1)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(unknown.value());
    assertThat(jobs().find(job.id())).contains(job);
    assertRejected("id", () -> jobs().retry(null, later(1)));
    assertRejected("now", () -> jobs().retry(job.id(), null));
  }

  @Test
  void cancel_stops_a_pending_job_from_ever_being_claimed_and_retry_brings_it_back() {
    SystemJob job = jobs().enqueue(pending("tenant.purge"));

    SystemJob cancelled = jobs().cancel(job.id(), later(5));

    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(cancelled.completedAt()).isEqualTo(later(5));
    assertThat(jobs().claim("w1", List.of(), 10, later(3_600), LEASE)).isEmpty();
    assertThatThrownBy(() -> jobs().cancel(job.id(), later(6)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("is cancelled");
    assertThat(jobs().retry(job.id(), later(7)).status()).isEqualTo(JobStatus.PENDING);
  }

  @Test
  void cancel_refuses_a_running_job() {
    SystemJob job = jobs().enqueue(pending("tenant.purge"));
    JobLease lease = claimOne("w1", later(1)).lease();

    assertThatThrownBy(() -> jobs().cancel(job.id(), later(2)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("is running");
    assertThat(jobs().complete(lease, later(3))).isTrue();
  }

  @Test
  void prune_deletes_completed_and_cancelled_jobs_finished_before_the_time_oldest_first() {
    List<Id> completed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs().enqueue(pending("mail.send"));
      JobLease lease = claimOne("w1", later(i)).lease();
      assertThat(jobs().complete(lease, later(10 + i))).isTrue();
      completed.add(lease.jobId());
    }
    SystemJob cancelled = jobs().cancel(jobs().enqueue(pending("mail.send")).id(), later(11));
    SystemJob failed = jobs().enqueue(pending("mail.send").withMaxAttempts(1));
    JobLease failing = claimOne("w1", later(20)).lease();
    assertThat(jobs().fail(failing, "refused", null, later(1))).contains(JobStatus.FAILED);
    SystemJob waiting = jobs().enqueue(pending("mail.send"));

    assertThat(jobs().prune(later(12), 1)).isOne();
    assertThat(jobs().find(completed.get(0))).isEmpty();
    assertThat(jobs().prune(later(12), 100)).isEqualTo(2);
    assertThat(jobs().find(completed.get(1))).isEmpty();
    assertThat(jobs().find(cancelled.id())).isEmpty();
    assertThat(jobs().find(completed.get(2))).isPresent();
    assertThat(jobs().find(failed.id())).isPresent();
    assertThat(jobs().find(waiting.id())).isPresent();
    assertThat(jobs().prune(later(12), 100)).isZero();
    assertRejected("limit", () -> jobs().prune(later(12), 0));
    assertRejected("limit", () -> jobs().prune(later(12), 10_001));
    assertRejected("before", () -> jobs().prune(null, 10));
  }

  @Test
  void an_expired_lease_after_the_last_attempt_fails_the_job_with_the_reason() {
    SystemJob job = jobs().enqueue(pending("tenant.provision").withMaxAttempts(1));
    JobLease lease = claimOne("w1", later(1)).lease();
    Instant afterLease = lease.until().plusSeconds(1);

    assertThat(jobs().claim("w2", List.of(), 10, afterLease, LEASE)).isEmpty();

    SystemJob failed = jobs().find(job.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.completedAt()).isEqualTo(afterLease);
    assertThat(failed.errorLog()).contains("lease of its last attempt ended").contains("w1");
    assertThat(failed.leaseUntil()).isNull();
    assertThat(jobs().complete(lease, afterLease)).isFalse();
  }

  @Test
  void rejects_each_bad_argument_naming_it_and_changes_nothing() {
    SystemJob job = jobs().enqueue(pending("tenant.provision"));
    JobLease lease = claimOne("w1", later(1)).lease();
    SystemJob before = jobs().find(job.id()).orElseThrow();

    assertRejected("max", () -> jobs().claim("w", List.of(), 0, now, LEASE));
    assertRejected("max", () -> jobs().claim("w", List.of(), 1_001, now, LEASE));
    assertRejected("owner", () -> jobs().claim(null, List.of(), 1, now, LEASE));
    assertRejected("owner", () -> jobs().claim(" ", List.of(), 1, now, LEASE));
    assertRejected("job_types", () -> jobs().claim("w", null, 1, now, LEASE));
    assertRejected("lease", () -> jobs().claim("w", List.of(), 1, now, Duration.ZERO));
    assertRejected("lease", () -> jobs().claim("w", List.of(), 1, now, Duration.ofSeconds(-1)));
    assertRejected("lease", () -> jobs().claim("w", List.of(), 1, now, null));
    assertRejected("now", () -> jobs().claim("w", List.of(), 1, null, LEASE));
    assertRejected("extension", () -> jobs().heartbeat(lease, now, Duration.ZERO));
    assertRejected("now", () -> jobs().heartbeat(lease, null, LEASE));
    assertRejected("lease", () -> jobs().heartbeat(null, now, LEASE));
    assertRejected("now", () -> jobs().complete(lease, null));
    assertRejected("error", () -> jobs().fail(lease, " ", later(5), now));
    assertRejected("now", () -> jobs().fail(lease, "boom", later(5), null));
    assertRejected("lease", () -> jobs().release(null));
    assertRejected("job", () -> jobs().enqueue(null));
    assertRejected("unique_key", () -> jobs().findByUniqueKey(""));
    assertRejected("limit", () -> jobs().list(JobStatus.PENDING, 0));

    assertThat(jobs().find(job.id())).contains(before);
  }

  private static void assertRejected(String argument, ThrowingCallable call) {
    assertThatThrownBy(call)
        .as(argument)
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(argument));
  }

  /**
   * 10,000 jobs through 4 workers that claim in small batches and complete each job: none lost,
   * none completed twice, none held by two workers at once, every lease still current when its job
   * completes (#5).
   */
  @Test
  @Timeout(300)
  void four_workers_run_ten_thousand_jobs_each_exactly_once() throws Exception {
    int total = 10_000;
    store
        .transactions()
        .inTransaction(
            () -> {
              for (int i = 0; i < total; i++) {
                jobs()
                    .enqueue(SystemJob.pending(Id.random(), "load", null, now).withPriority(i % 3));
              }
              return null;
            });
    Set<Id> inFlight = ConcurrentHashMap.newKeySet();
    Set<Id> completed = ConcurrentHashMap.newKeySet();
    List<String> violations = new ArrayList<>();
    AtomicInteger claims = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String owner = "worker-" + w;
        done.add(
            workers.submit(
                () -> {
                  start.await();
                  runUntilEmpty(owner, inFlight, completed, violations, claims);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> worker : done) {
        worker.get(280, TimeUnit.SECONDS);
      }
    } finally {
      workers.shutdownNow();
    }

    synchronized (violations) {
      assertThat(violations).isEmpty();
    }
    assertThat(completed).hasSize(total);
    assertThat(claims.get()).isGreaterThan(4);
    assertThat(jobs().count(JobStatus.COMPLETED)).isEqualTo(total);
    assertThat(jobs().count()).isEqualTo(total);
    assertThat(jobs().list(JobStatus.COMPLETED, 10_000))
        .hasSize(total)
        .allSatisfy(job -> assertThat(job.attempts()).isOne());
  }

  private void runUntilEmpty(
      String owner,
      Set<Id> inFlight,
      Set<Id> completed,
      List<String> violations,
      AtomicInteger claims) {
    Instant at = later(1);
    while (true) {
      List<ClaimedJob> batch = jobs().claim(owner, List.of("load"), 10, at, LEASE);
      if (batch.isEmpty()) {
        return;
      }
      claims.incrementAndGet();
      for (ClaimedJob claimed : batch) {
        Id id = claimed.job().id();
        if (!inFlight.add(id)) {
          violation(violations, id + " claimed by " + owner + " while another worker held it");
        }
        if (!jobs().complete(claimed.lease(), at)) {
          violation(violations, id + ": the lease of " + owner + " was no longer current");
        }
        inFlight.remove(id);
        if (!completed.add(id)) {
          violation(violations, id + " completed twice");
        }
      }
    }
  }

  private static void violation(List<String> violations, String what) {
    synchronized (violations) {
      violations.add(what);
    }
  }

  /**
   * A worker killed with SIGKILL in the middle of a job leaves the job running under its lease
   * until the lease ends; then another worker claims it for a second attempt and completes it (#5).
   */
  @Test
  @Timeout(120)
  void a_worker_killed_during_a_job_leaves_it_to_be_claimed_again_after_its_lease()
      throws Exception {
    SystemJob job = jobs().enqueue(pending("tenant.provision"));
    LeasingProcess.Claim claim;

    try (LeasingProcess child = LeasingProcess.start(store.url(), later(1))) {
      claim = child.awaitClaim(Duration.ofSeconds(60));
      child.killAndAssertSigkill();
    }

    assertThat(claim.jobId()).isEqualTo(job.id());
    assertThat(claim.until()).isEqualTo(later(1).plus(LeasingProcess.LEASE));
    SystemJob orphan = jobs().find(job.id()).orElseThrow();
    assertThat(orphan.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(orphan.leaseOwner()).isEqualTo(LeasingProcess.OWNER);
    assertThat(orphan.leaseUntil()).isEqualTo(claim.until());
    assertThat(jobs().claim("survivor", List.of(), 10, claim.until().minusMillis(1), LEASE))
        .isEmpty();

    ClaimedJob again = claimOne("survivor", claim.until().plusMillis(1));

    assertThat(again.job().id()).isEqualTo(job.id());
    assertThat(again.lease().attempt()).isEqualTo(2);
    assertThat(jobs().complete(again.lease(), claim.until().plusSeconds(1))).isTrue();
    assertThat(jobs().find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
  }
}
