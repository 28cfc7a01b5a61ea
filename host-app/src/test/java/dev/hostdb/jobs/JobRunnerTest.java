package dev.hostdb.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.HostConfig;
import dev.hostdb.HostDatabase;
import dev.hostdb.domain.ClaimedJob;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobLease;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.port.JobQueue;
import dev.hostdb.domain.rule.RetryBackoff;
import dev.hostdb.jdbc.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The job runner over a real queue; each database runs these through a subclass. */
abstract class JobRunnerTest {
  private static final Duration PATIENCE = Await.PATIENCE;
  private static final RetryBackoff FAST =
      new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(20));

  @TempDir Path tempDir;

  HostDatabase db;
  final List<JobRunner> runners = new ArrayList<>();

  /** An empty host database of this test alone. */
  abstract DatabaseUrl hostUrl();

  @BeforeEach
  final void openDatabase() {
    db = HostDatabase.create(HostConfig.of(hostUrl()));
  }

  @AfterEach
  final void closeDatabase() {
    runners.forEach(runner -> runner.shutdown(Duration.ZERO));
    db.close();
  }

  JobRunner runner(JobRunner.Settings settings) {
    JobRunner runner = db.jobRunner(settings);
    runners.add(runner);
    return runner;
  }

  static JobRunner.Settings fast(String name, int threads) {
    return JobRunner.Settings.defaults()
        .withWorkerName(name)
        .withThreads(threads)
        .withPollInterval(Duration.ofMillis(20))
        .withBackoff(FAST);
  }

  SystemJob enqueue(String type, String payload) {
    return db.jobs().enqueue(SystemJob.pending(db.newId(), type, payload, db.now()));
  }

  SystemJob stored(SystemJob job) {
    return db.jobs().find(job.id()).orElseThrow();
  }

  @Test
  void runs_every_job_once_on_several_threads_and_completes_it() {
    int jobs = 600;
    Map<Id, AtomicInteger> runs = new ConcurrentHashMap<>();
    Map<Id, String> payloads = new ConcurrentHashMap<>();
    for (int i = 0; i < jobs; i++) {
      enqueue("mail.send", "{\"n\":" + i + "}");
    }
    JobRunner one = runner(fast("one", 4));
    JobRunner two = runner(fast("two", 4));
    for (JobRunner runner : List.of(one, two)) {
      runner.register(
          "mail.send",
          context -> {
            runs.computeIfAbsent(context.job().id(), id -> new AtomicInteger()).incrementAndGet();
            payloads.put(context.job().id(), context.payload());
          });
      runner.start();
    }

    Await.until("every job completed", () -> db.jobs().count(JobStatus.COMPLETED) == jobs);

    assertThat(runs).hasSize(jobs);
    assertThat(runs.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(Set.copyOf(payloads.values())).hasSize(jobs);
    assertThat(db.jobs().list(JobStatus.COMPLETED, 1_000))
        .allSatisfy(
            job -> {
              assertThat(job.attempts()).isEqualTo(1);
              assertThat(job.completedAt()).isNotNull();
            });
  }

  @Test
  void retries_a_failing_job_after_a_backoff_then_fails_it_for_good_with_the_error() {
    SystemJob job =
        db.jobs()
            .enqueue(SystemJob.pending(db.newId(), "flaky", null, db.now()).withMaxAttempts(3));
    AtomicInteger calls = new AtomicInteger();
    List<Boolean> lastAttempt = new ArrayList<>();
    JobRunner runner = runner(fast("w", 1));
    runner.register(
        "flaky",
        context -> {
          calls.incrementAndGet();
          synchronized (lastAttempt) {
            lastAttempt.add(context.lastAttempt());
          }
          throw new ConflictException("report attempt " + context.attempt() + " broke");
        });
    runner.start();

    Await.until("the job failed for good", () -> stored(job).status() == JobStatus.FAILED);

    SystemJob failed = stored(job);
    assertThat(calls).hasValue(3);
    assertThat(lastAttempt).containsExactly(false, false, true);
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.errorLog())
        .contains(ConflictException.class.getName())
        .contains("attempt 3 broke");
    assertThat(failed.completedAt()).isNotNull();
  }

  @Test
  void a_job_that_fails_once_is_retried_and_completes() {
    SystemJob job = enqueue("flaky", null);
    AtomicInteger calls = new AtomicInteger();
    JobRunner runner = runner(fast("w", 2));
    runner.register(
        "flaky",
        context -> {
          if (calls.incrementAndGet() == 1) {
            throw new ConflictException("first attempt refused");
          }
        });
    runner.start();

    Await.until("the job completed", () -> stored(job).status() == JobStatus.COMPLETED);

    assertThat(calls).hasValue(2);
    assertThat(stored(job).attempts()).isEqualTo(2);
  }

  @Test
  void a_handler_ended_by_an_error_fails_its_attempt_and_never_completes_the_job() {
    SystemJob job = enqueue("fragile", null);
    AtomicInteger calls = new AtomicInteger();
    JobRunner runner = runner(fast("w", 1));
    runner.register(
        "fragile",
        context -> {
          if (calls.incrementAndGet() == 1) {
            throw new StackOverflowError("deep recursion in the handler");
          }
        });
    runner.start();

    Await.until("the job completed", () -> stored(job).status() == JobStatus.COMPLETED);

    assertThat(calls).hasValue(2);
    assertThat(stored(job).attempts()).isEqualTo(2);
    assertThat(stored(job).errorLog()).contains("StackOverflowError", "deep recursion");
  }

  @Test
  void invalid_input_fails_the_job_at_once_without_retries() {
    SystemJob job = enqueue("strict", "{\"tenant_id\":\"nonsense\"}");
    AtomicInteger calls = new AtomicInteger();
    JobRunner runner = runner(fast("w", 1));
    runner.register(
        "strict",
        context -> {
          calls.incrementAndGet();
          throw new InvalidInputException("tenant_id", "is not an id");
        });
    runner.start();

    Await.until("the job failed", () -> stored(job).status() == JobStatus.FAILED);

    assertThat(calls).hasValue(1);
    assertThat(stored(job).attempts()).isOne();
    assertThat(stored(job).errorLog()).contains("tenant_id: is not an id");
  }

  @Test
  void run_later_gives_the_job_back_due_then_without_using_an_attempt() {
    SystemJob job = enqueue("patient", null);
    AtomicInteger calls = new AtomicInteger();
    Instant due = Instant.now().plusSeconds(3_600);
    JobRunner runner = runner(fast("w", 1));
    runner.register(
        "patient",
        context -> {
          calls.incrementAndGet();
          throw new RunLaterException(due, "not yet");
        });
    runner.start();

    Await.until(
        "the job was given back",
        () -> stored(job).status() == JobStatus.PENDING && calls.get() == 1);
    runner.shutdown(Duration.ofSeconds(5));

    SystemJob waiting = stored(job);
    assertThat(waiting.runAfter()).isEqualTo(due.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    assertThat(waiting.attempts()).isZero();
    assertThat(waiting.errorLog()).isNull();
    assertThat(calls).hasValue(1);
    assertThatThrownBy(() -> new RunLaterException(null, "x"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void claims_only_the_types_it_has_handlers_for() {
    SystemJob mine = enqueue("mine", null);
    SystemJob other = enqueue("other", null);
    JobRunner runner = runner(fast("w", 2));
    runner.register("mine", context -> {});
    runner.start();

    Await.until("its job completed", () -> stored(mine).status() == JobStatus.COMPLETED);
    runner.shutdown(Duration.ofSeconds(5));

    assertThat(stored(other).status()).isEqualTo(JobStatus.PENDING);
    assertThat(stored(other).attempts()).isZero();
  }

  @Test
  void keeps_the_lease_of_a_long_job_alive_so_no_other_worker_claims_it() throws Exception {
    SystemJob job = enqueue("long", null);
    CountDownLatch started = new CountDownLatch(1);
    JobRunner runner =
        runner(fast("keeper", 1).withLease(Duration.ofMillis(600), Duration.ofMillis(100)));
    runner.register(
        "long",
        context -> {
          started.countDown();
          Thread.sleep(2_000);
        });
    runner.start();
    assertThat(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    List<ClaimedJob> stolen = new ArrayList<>();
    while (stored(job).status() == JobStatus.RUNNING) {
      stolen.addAll(db.jobs().claim("thief", List.of("long"), 1, db.now(), Duration.ofSeconds(30)));
      Thread.sleep(50);
    }

    assertThat(stolen).isEmpty();
    assertThat(stored(job).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(stored(job).attempts()).isEqualTo(1);
  }

  @Test
  void shutdown_lets_running_jobs_finish_within_the_deadline() throws Exception {
    SystemJob job = enqueue("slow", null);
    CountDownLatch started = new CountDownLatch(1);
    JobRunner runner = runner(fast("w", 1));
    runner.register(
        "slow",
        context -> {
          started.countDown();
          Thread.sleep(300);
        });
    runner.start();
    assertThat(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(runner.shutdown(Duration.ofSeconds(30))).isTrue();

    assertThat(stored(job).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(runner.runningJobs()).isZero();
  }

  @Test
  void shutdown_gives_back_jobs_still_running_at_the_deadline_and_records_nothing_after()
      throws Exception {
    SystemJob job = enqueue("stuck", null);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    AtomicBoolean sawStop = new AtomicBoolean();
    JobRunner runner = runner(fast("w", 1));
    runner.register(
        "stuck",
        context -> {
          started.countDown();
          try {
            Thread.sleep(PATIENCE.toMillis());
          } finally {
            sawStop.set(context.stopRequested());
            ended.countDown();
          }
        });
    runner.start();
    assertThat(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(runner.shutdown(Duration.ofMillis(200))).isFalse();

    assertThat(ended.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(sawStop).isTrue();
    SystemJob released = stored(job);
    assertThat(released.status()).isEqualTo(JobStatus.PENDING);
    assertThat(released.attempts()).isZero();
    assertThat(released.leaseOwner()).isNull();
    assertThat(released.errorLog()).isNull();
  }

  @Test
  void a_lost_lease_interrupts_the_handler_and_its_outcome_is_not_recorded() throws Exception {
    SystemJob job = enqueue("lost", null);
    LosingQueue queue = new LosingQueue(db.jobs());
    CountDownLatch ended = new CountDownLatch(1);
    AtomicBoolean sawStop = new AtomicBoolean();
    JobRunner runner =
        new JobRunner(
            queue,
            Clock.systemUTC(),
            fast("w", 1).withLease(Duration.ofSeconds(30), Duration.ofMillis(50)));
    runners.add(runner);
    runner.register(
        "lost",
        context -> {
          queue.losing = true;
          try {
            Thread.sleep(PATIENCE.toMillis());
          } finally {
            sawStop.set(context.stopRequested());
            ended.countDown();
          }
        });
    runner.start();

    assertThat(ended.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Await.until("the runner let the job go", () -> runner.runningJobs() == 0);

    assertThat(sawStop).isTrue();
    assertThat(queue.completions).hasValue(0);
    assertThat(queue.failures).hasValue(0);
    assertThat(stored(job).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(stored(job).errorLog()).isNull();
  }

  @Test
  @Timeout(60)
  void shutdown_keeps_its_deadline_when_a_claim_hangs_and_gives_back_what_that_claim_took()
      throws Exception {
    SystemJob job = enqueue("hung", null);
    LosingQueue queue = new LosingQueue(db.jobs());
    CountDownLatch gate = new CountDownLatch(1);
    queue.claimGate = gate;
    JobRunner runner = new JobRunner(queue, Clock.systemUTC(), fast("w", 1));
    runners.add(runner);
    runner.register("hung", context -> {});
    runner.start();
    assertThat(queue.claimStalled.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(stored(job).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(stored(job).attempts()).isOne();

    assertThat(runner.shutdown(Duration.ofMillis(100))).isTrue();

    gate.countDown(); // the hung claim answers after the runner stopped, with the job
    Await.until(
        "the late claim's job was given back",
        () -> stored(job).status() == JobStatus.PENDING && stored(job).leaseOwner() == null);
    assertThat(stored(job).attempts()).isZero();
    assertThat(queue.completions).hasValue(0);
  }

  @Test
  void closing_the_database_shuts_its_runners_down() throws Exception {
    SystemJob job = enqueue("slow", null);
    CountDownLatch started = new CountDownLatch(1);
    JobRunner runner = runner(fast("w", 1));
    runner.register(
        "slow",
        context -> {
          started.countDown();
          Thread.sleep(200);
        });
    runner.start();
    assertThat(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Id id = job.id();

    db.close();

    assertThat(runner.runningJobs()).isZero();
    try (HostDatabase again = HostDatabase.create(HostConfig.of(hostUrl()))) {
      assertThat(again.jobs().find(id).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void refuses_bad_settings_and_registrations_with_typed_errors() {
    JobRunner.Settings settings = JobRunner.Settings.defaults();
    assertThatThrownBy(() -> settings.withThreads(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("threads");
    assertThatThrownBy(() -> settings.withLease(Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("heartbeat");
    assertThatThrownBy(() -> settings.withClaimBatch(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("claimBatch");
    assertThatThrownBy(() -> settings.withWorkerName(" "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("workerName");
    assertThatThrownBy(() -> db.jobRunner(null)).isInstanceOf(InvalidInputException.class);

    JobRunner runner = runner(settings);
    assertThatThrownBy(runner::start)
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("no handler");
    runner.register("a", context -> {});
    assertThatThrownBy(() -> runner.register("a", context -> {}))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("has a handler already");
    assertThatThrownBy(() -> runner.register("", context -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("jobType");
    assertThatThrownBy(() -> runner.register("b", null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("handler");
    runner.start();
    assertThatThrownBy(() -> runner.register("b", context -> {}))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("started");
    assertThatThrownBy(runner::start).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> runner.shutdown(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("deadline");
    assertThat(runner.shutdown(Duration.ofSeconds(5))).isTrue();
    assertThat(runner.shutdown(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void describes_an_error_with_its_causes() {
    Exception error =
        new ConflictException("outer", new InvalidInputException("field", "inner problem"));

    assertThat(JobRunner.describe(error))
        .isEqualTo(
            ConflictException.class.getName()
                + ": outer; caused by "
                + InvalidInputException.class.getName()
                + ": field: inner problem");
  }

  /** A queue whose heartbeats answer that the lease was lost, once it is told to. */
  static final class LosingQueue implements JobQueue {
    final JobQueue delegate;
    volatile boolean losing;
    volatile CountDownLatch claimGate;
    final CountDownLatch claimStalled = new CountDownLatch(1);
    final AtomicInteger completions = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();

    LosingQueue(JobQueue delegate) {
      this.delegate = delegate;
    }

    @Override
    public SystemJob enqueue(SystemJob job) {
      return delegate.enqueue(job);
    }

    @Override
    public Optional<SystemJob> find(Id id) {
      return delegate.find(id);
    }

    @Override
    public Optional<SystemJob> findByUniqueKey(String uniqueKey) {
      return delegate.findByUniqueKey(uniqueKey);
    }

    @Override
    public List<SystemJob> list(JobStatus status, int limit) {
      return delegate.list(status, limit);
    }

    @Override
    public long count() {
      return delegate.count();
    }

    @Override
    public long count(JobStatus status) {
      return delegate.count(status);
    }

    @Override
    public List<ClaimedJob> claim(
        String owner, List<String> jobTypes, int max, Instant now, Duration lease) {
      CountDownLatch gate = claimGate;
      if (gate == null) {
        return delegate.claim(owner, jobTypes, max, now, lease);
      }
      // the database takes the jobs, then its answer does not come back until the gate opens
      List<ClaimedJob> claimed = delegate.claim(owner, jobTypes, max, now, lease);
      claimStalled.countDown();
      boolean interrupted = false;
      while (true) { // like a driver call that does not answer interrupts
        try {
          gate.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return claimed;
    }

    @Override
    public Optional<JobLease> heartbeat(JobLease lease, Instant now, Duration extension) {
      return losing ? Optional.empty() : delegate.heartbeat(lease, now, extension);
    }

    @Override
    public boolean complete(JobLease lease, Instant now) {
      completions.incrementAndGet();
      return delegate.complete(lease, now);
    }

    @Override
    public Optional<JobStatus> fail(JobLease lease, String error, Instant retryAt, Instant now) {
      failures.incrementAndGet();
      return delegate.fail(lease, error, retryAt, now);
    }

    @Override
    public boolean release(JobLease lease) {
      return delegate.release(lease);
    }

    @Override
    public boolean defer(JobLease lease, Instant runAfter) {
      return delegate.defer(lease, runAfter);
    }

    @Override
    public SystemJob retry(Id jobId, Instant now) {
      return delegate.retry(jobId, now);
    }

    @Override
    public SystemJob cancel(Id jobId, Instant now) {
      return delegate.cancel(jobId, now);
    }

    @Override
    public int prune(Instant before, int limit) {
      return delegate.prune(before, limit);
    }
  }
}
