package dev.hostdb.jobs;

import dev.hostdb.domain.ClaimedJob;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobLease;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.port.JobQueue;
import dev.hostdb.domain.rule.RetryBackoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued jobs: claims due jobs of the types it has {@link JobHandler handlers} for, runs each
 * on one of its threads, keeps the job's lease alive while the handler works, then completes the
 * job, or schedules a retry after exponential backoff with jitter, or fails it for good after its
 * last attempt.
 *
 * <p>Any number of runners, in one process or many, can work one queue: a job is leased to one of
 * them at a time, and a job whose runner died is claimed again once its lease ends. Because of that
 * a job can run more than once, and handlers must be idempotent.
 *
 * <p>A handler that throws {@link RunLaterException} gives its job back, due at the time it names,
 * without using an attempt. A handler that throws {@link InvalidInputException} fails its job for
 * good at once: the same input would fail the same way on every retry.
 *
 * <p>{@link #shutdown(Duration)} stops claiming and lets running jobs finish until a deadline; jobs
 * still running then are given back to the queue (their attempt is not counted) and their threads
 * interrupted. What a handler does after that is not recorded: another worker may already run the
 * job.
 *
 * <pre>{@code
 * JobRunner runner = db.jobRunner(JobRunner.Settings.defaults().withThreads(4));
 * runner.register("report.email", context -> mailer.send(context.payload()));
 * runner.start();
 * ...
 * runner.shutdown(Duration.ofSeconds(30));
 * }</pre>
 */
public final class JobRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  private static final AtomicInteger RUNNERS = new AtomicInteger();

  /**
   * How a runner works.
   *
   * @param workerName the name stored as the lease owner of the jobs it claims
   * @param threads how many jobs it runs at once, 1 to 256
   * @param lease how long a claim lasts without a heartbeat; a dead runner's jobs wait this long
   * @param heartbeat how often the leases of running jobs are extended; less than {@code lease}
   * @param pollInterval how long an idle runner waits before it looks for due jobs again
   * @param claimBatch the most jobs claimed by one statement, 1 to 1,000
   * @param backoff how long a failed job waits before its next attempt
   */
  public record Settings(
      String workerName,
      int threads,
      Duration lease,
      Duration heartbeat,
      Duration pollInterval,
      int claimBatch,
      RetryBackoff backoff) {

    /**
     * @throws InvalidInputException naming the setting that is missing or out of range
     */
    public Settings {
      if (workerName == null || workerName.isBlank() || workerName.length() > 200) {
        throw new InvalidInputException(
            "workerName", "must be 1 to 200 characters but was " + workerName);
      }
      if (threads < 1 || threads > 256) {
        throw new InvalidInputException("threads", "must be 1 to 256 but was " + threads);
      }
      positive("lease", lease);
      positive("heartbeat", heartbeat);
      positive("pollInterval", pollInterval);
      if (heartbeat.compareTo(lease) >= 0) {
        throw new InvalidInputException(
            "heartbeat", "must be shorter than the lease " + lease + " but was " + heartbeat);
      }
      if (claimBatch < 1 || claimBatch > 1_000) {
        throw new InvalidInputException("claimBatch", "must be 1 to 1000 but was " + claimBatch);
      }
      if (backoff == null) {
        throw new InvalidInputException("backoff", "is required");
      }
    }

    /**
     * A worker named after this process, 4 threads, leases of 60 s extended every 20 s, polling
     * every second, batches of 10, and {@link RetryBackoff#DEFAULT}.
     */
    public static Settings defaults() {
      String name = "hostdb-" + ProcessHandle.current().pid() + "-" + RUNNERS.incrementAndGet();
      return new Settings(
          name,
          4,
          Duration.ofSeconds(60),
          Duration.ofSeconds(20),
          Duration.ofSeconds(1),
          10,
          RetryBackoff.DEFAULT);
    }

    /** These settings with another worker name. */
    public Settings withWorkerName(String name) {
      return new Settings(name, threads, lease, heartbeat, pollInterval, claimBatch, backoff);
    }

    /** These settings with another number of threads. */
    public Settings withThreads(int count) {
      return new Settings(workerName, count, lease, heartbeat, pollInterval, claimBatch, backoff);
    }

    /** These settings with another lease length and heartbeat interval. */
    public Settings withLease(Duration length, Duration heartbeatEvery) {
      return new Settings(
          workerName, threads, length, heartbeatEvery, pollInterval, claimBatch, backoff);
    }

    /** These settings with another poll interval. */
    public Settings withPollInterval(Duration interval) {
      return new Settings(workerName, threads, lease, heartbeat, interval, claimBatch, backoff);
    }

    /** These settings with another claim batch size. */
    public Settings withClaimBatch(int size) {
      return new Settings(workerName, threads, lease, heartbeat, pollInterval, size, backoff);
    }

    /** These settings with another retry backoff. */
    public Settings withBackoff(RetryBackoff retryBackoff) {
      return new Settings(
          workerName, threads, lease, heartbeat, pollInterval, claimBatch, retryBackoff);
    }

    private static void positive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new InvalidInputException(name, "must be a positive duration but was " + value);
      }
    }
  }

  private enum State {
    NEW,
    RUNNING,
    STOPPING,
    STOPPED
  }

  private final JobQueue queue;
  private final Clock clock;
  private final Settings settings;
  private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
  private final Map<Id, Run> running = new ConcurrentHashMap<>();
  private final Semaphore slots;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private ExecutorService workers;
  private ScheduledExecutorService heartbeats;
  private Thread dispatcher;

  /**
   * A runner over {@code queue}; {@link dev.hostdb.HostDatabase#jobRunner(Settings)} gives one over
   * the host database.
   */
  public JobRunner(JobQueue queue, Clock clock, Settings settings) {
    if (queue == null || clock == null || settings == null) {
      throw new InvalidInputException("jobRunner", "a queue, a clock and settings are required");
    }
    this.queue = queue;
    this.clock = clock;
    this.settings = settings;
    this.slots = new Semaphore(settings.threads());
  }

  /**
   * Runs the jobs of {@code jobType} with {@code handler}. Handlers are registered before {@link
   * #start()}.
   *
   * @return this runner
   * @throws InvalidInputException when the type is blank or the handler missing
   * @throws ConflictException when the type has a handler already or the runner has started
   */
  public JobRunner register(String jobType, JobHandler handler) {
    if (jobType == null || jobType.isBlank() || jobType.length() > 100) {
      throw new InvalidInputException("jobType", "must be 1 to 100 characters but was " + jobType);
    }
    if (handler == null) {
      throw new InvalidInputException("handler", "is required for job type " + jobType);
    }
    if (state.get() != State.NEW) {
      throw new ConflictException(
          "register a handler for " + jobType + ": the runner has started already");
    }
    if (handlers.putIfAbsent(jobType, handler) != null) {
      throw new ConflictException(
          "register a handler for " + jobType + ": the type has a handler already");
    }
    return this;
  }

  /** The job types this runner claims. */
  public Set<String> jobTypes() {
    return Set.copyOf(handlers.keySet());
  }

  /** The settings it runs with. */
  public Settings settings() {
    return settings;
  }

  /** How many jobs it runs right now. */
  public int runningJobs() {
    return running.size();
  }

  /**
   * Starts claiming and running jobs on background threads.
   *
   * @throws ConflictException when it has no handler, or was started before
   */
  public void start() {
    if (handlers.isEmpty()) {
      throw new ConflictException("start job runner " + settings.workerName() + ": no handler");
    }
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new ConflictException(
          "start job runner " + settings.workerName() + ": it was started before");
    }
    workers = Executors.newFixedThreadPool(settings.threads(), threads("worker"));
    heartbeats = Executors.newSingleThreadScheduledExecutor(threads("heartbeat"));
    long every = settings.heartbeat().toNanos();
    heartbeats.scheduleWithFixedDelay(this::extendLeases, every, every, TimeUnit.NANOSECONDS);
    dispatcher = threads("dispatcher").newThread(this::dispatch);
    dispatcher.start();
    LOG.info(
        "Job runner {} started: {} threads, job types {}",
        settings.workerName(),
        settings.threads(),
        handlers.keySet());
  }

  /** Makes an idle runner look for due jobs now rather than after its poll interval. */
  public void wakeUp() {
    Thread thread = dispatcher;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Stops claiming, waits up to {@code deadline} for running jobs to finish, then gives the jobs
   * still running back to the queue and interrupts their threads. Calling it again, or on a runner
   * never started, does nothing.
   *
   * @return true when every running job finished within the deadline
   * @throws InvalidInputException when the deadline is missing or negative
   */
  public boolean shutdown(Duration deadline) {
    if (deadline == null || deadline.isNegative()) {
      throw new InvalidInputException("deadline", "must be zero or positive but was " + deadline);
    }
    if (state.compareAndSet(State.NEW, State.STOPPED)) {
      return true;
    }
    if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
      return true;
    }
    wakeUp();
    boolean finished = false;
    long end = System.nanoTime() + deadline.toNanos();
    try {
      // a claim stuck on an unreachable database must not hold the shutdown past its deadline
      TimeUnit.NANOSECONDS.timedJoin(dispatcher, Math.max(1, deadline.toNanos()));
      if (dispatcher.isAlive()) {
        dispatcher.interrupt();
      }
      workers.shutdown();
      finished = workers.awaitTermination(end - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!finished) {
      abandonRunningJobs();
    }
    heartbeats.shutdownNow();
    state.set(State.STOPPED);
    LOG.info(
        "Job runner {} stopped{}",
        settings.workerName(),
        finished ? "" : " (jobs still running at the deadline were given back)");
    return finished;
  }

  /** Shuts down with a deadline of 30 seconds. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(30));
  }

  private void abandonRunningJobs() {
    for (Run run : running.values()) {
      giveBack(run);
    }
    workers.shutdownNow();
    try {
      workers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void giveBack(Run run) {
    if (run.outcome.compareAndSet(Outcome.RUNNING, Outcome.ABANDONED)) {
      run.stop.set(true);
      try {
        queue.release(run.lease);
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not give back job {}; it is claimed again when its lease ends: {}",
            run.lease.jobId(),
            e.toString());
      }
    }
  }

  private void dispatch() {
    List<String> types = List.copyOf(handlers.keySet());
    Duration poll = settings.pollInterval();
    while (state.get() == State.RUNNING) {
      int free = slots.availablePermits();
      if (free == 0) {
        LockSupport.parkNanos(poll.toNanos());
        continue;
      }
      List<ClaimedJob> claimed;
      try {
        claimed =
            queue.claim(
                settings.workerName(),
                types,
                Math.min(free, settings.claimBatch()),
                now(),
                settings.lease());
      } catch (RuntimeException e) {
        LOG.warn("Job runner {} could not claim jobs: {}", settings.workerName(), e.toString());
        LockSupport.parkNanos(poll.toNanos());
        continue;
      }
      for (ClaimedJob job : claimed) {
        slots.acquireUninterruptibly();
        Run run = new Run(job, handlers.get(job.job().jobType()));
        running.put(job.job().id(), run);
        try {
          workers.execute(() -> execute(run));
        } catch (RejectedExecutionException stopped) {
          // the runner stopped while this claim was on its way: give the job straight back
          running.remove(job.job().id());
          slots.release();
          giveBack(run);
        }
      }
      if (claimed.isEmpty()) {
        LockSupport.parkNanos(poll.toNanos());
      }
    }
  }

  private void execute(Run run) {
    Throwable failure = null;
    try {
      synchronized (run) {
        run.thread = Thread.currentThread();
        if (run.outcome.get() != Outcome.RUNNING) {
          return; // the lease was lost before the handler started
        }
      }
      run.handler.handle(new JobContext(run.job.job(), run.lease, run.stop));
    } catch (Throwable e) { // whatever ended the handler, the job is not complete
      failure = e;
    } finally {
      try {
        if (run.outcome.compareAndSet(Outcome.RUNNING, Outcome.DONE)) {
          record(run, failure);
        }
      } finally {
        synchronized (run) {
          run.thread = null;
          Thread.interrupted(); // an interrupt meant for this job must not reach the next one
        }
        running.remove(run.job.job().id());
        slots.release();
        wakeUp();
      }
    }
    if (failure instanceof VirtualMachineError error) {
      throw error; // recorded as a failed attempt; the pool replaces this thread
    }
  }

  private void record(Run run, Throwable failure) {
    JobLease lease = run.lease;
    String job = run.job.job().jobType() + " " + lease.jobId();
    try {
      if (failure == null) {
        if (!queue.complete(lease, now())) {
          LOG.warn("Job {} finished after its lease was lost; another worker may run it", job);
        }
        return;
      }
      if (failure instanceof RunLaterException later) {
        if (queue.defer(lease, later.runAfter())) {
          LOG.info("Job {} waits until {}: {}", job, later.runAfter(), later.getMessage());
        } else {
          LOG.warn("Job {} asked to run later after its lease was lost", job);
        }
        return;
      }
      Instant now = now();
      Duration wait =
          settings.backoff().delay(lease.attempt(), ThreadLocalRandom.current()::nextDouble);
      // invalid input fails the same way every time: no retry
      Instant retryAt = failure instanceof InvalidInputException ? null : now.plus(wait);
      Optional<JobStatus> status = queue.fail(lease, describe(failure), retryAt, now);
      if (status.isEmpty()) {
        LOG.warn("Job {} failed after its lease was lost: {}", job, failure.toString());
      } else if (status.get() == JobStatus.FAILED) {
        LOG.warn(
            "Job {} failed for good on attempt {}: {}", job, lease.attempt(), failure.toString());
      } else {
        LOG.info(
            "Job {} failed on attempt {}, retried in {} ms: {}",
            job,
            lease.attempt(),
            wait.toMillis(),
            failure.toString());
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not record the outcome of job {}; it is claimed again when its lease ends: {}",
          job,
          e.toString());
    }
  }

  private void extendLeases() {
    for (Run run : running.values()) {
      if (run.outcome.get() != Outcome.RUNNING) {
        continue;
      }
      try {
        Optional<JobLease> extended = queue.heartbeat(run.lease, now(), settings.lease());
        if (extended.isPresent()) {
          run.lease = extended.get();
        } else if (run.outcome.compareAndSet(Outcome.RUNNING, Outcome.LOST)) {
          LOG.warn(
              "Job {} lost its lease to another worker; its handler is interrupted",
              run.lease.jobId());
          run.stop.set(true);
          synchronized (run) {
            Thread thread = run.thread;
            if (thread != null) {
              thread.interrupt();
            }
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("Could not extend the lease of job {}: {}", run.lease.jobId(), e.toString());
      }
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** The error kept in {@code error_log}: each exception's class and message, outermost first. */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 5; depth++) {
      if (depth > 0) {
        text.append("; caused by ");
      }
      text.append(current.getClass().getName());
      if (current.getMessage() != null) {
        text.append(": ").append(current.getMessage());
      }
      current = current.getCause() == current ? null : current.getCause();
    }
    return text.toString();
  }

  private ThreadFactory threads(String role) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread =
          new Thread(
              task,
              "hostdb-jobs-" + settings.workerName() + "-" + role + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private enum Outcome {
    RUNNING,
    DONE,
    ABANDONED,
    LOST
  }

  private static final class Run {
    final ClaimedJob job;
    final JobHandler handler;
    final AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.RUNNING);
    final AtomicBoolean stop = new AtomicBoolean();
    volatile JobLease lease;
    volatile Thread thread;

    Run(ClaimedJob job, JobHandler handler) {
      this.job = job;
      this.handler = handler;
      this.lease = job.lease();
    }
  }
}
