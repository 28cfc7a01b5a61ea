package dev.hostdb.benchmarks;

import dev.hostdb.domain.ClaimedJob;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobLease;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.Timestamps;
import dev.hostdb.domain.port.JobQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A job queue drained by workers: {@value #JOBS} pending jobs, then {@value #WORKERS} worker
 * threads that each claim up to {@value #CLAIM_BATCH} jobs at a time and complete every job they
 * claimed, until no job is left. One invocation runs all {@value #JOBS} jobs and counts as that
 * many operations, so the score is in jobs per second.
 *
 * <p>{@code hostdb} calls {@code jobs().claim} and {@code jobs().complete}. {@code rawJdbc} runs
 * the same claim by hand on one plain driver connection per worker: one statement that picks
 * expired leases and due pending jobs by two {@code SELECT … ORDER BY priority DESC, run_after, id
 * LIMIT ? FOR UPDATE SKIP LOCKED} (without the locking clause on SQLite), keeps the best 10 and
 * updates them {@code RETURNING …}, the rows mapped into the same records, then one conditional
 * {@code UPDATE} per completed job. The jobs are written before each invocation, by the same
 * hand-written batch insert for both sides, and are not timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(JobClaim.JOBS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class JobClaim {
  /** Jobs drained by each invocation. */
  public static final int JOBS = 2_000;

  /** Worker threads draining them. */
  public static final int WORKERS = 4;

  /** Jobs one claim takes at most. */
  public static final int CLAIM_BATCH = 10;

  private static final Duration LEASE = Duration.ofMinutes(5);

  private static final String COLUMNS =
      "id, job_type, status, payload, error_log, created_at, completed_at, unique_key, priority,"
          + " run_after, attempts, max_attempts, lease_owner, lease_until";

  /** The database both sides run on. */
  @Param({BenchDatabase.POSTGRES, BenchDatabase.SQLITE})
  public String database;

  private BenchDatabase db;
  private ExecutorService workers;
  private final List<Connection> rawConnections = new ArrayList<>();
  private String claimSql;

  /** Creates the database, the worker threads and the raw side's connections. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    db = BenchDatabase.open(database);
    workers = Executors.newFixedThreadPool(WORKERS);
    for (int i = 0; i < WORKERS; i++) {
      rawConnections.add(db.connectRaw());
    }
    String lock = BenchDatabase.POSTGRES.equals(database) ? " FOR UPDATE SKIP LOCKED" : "";
    claimSql =
        "WITH expired AS ("
            + "\n  SELECT id, priority, run_after FROM sys_jobs"
            + "\n  WHERE status = 'running' AND lease_until < ? AND attempts < max_attempts"
            + "\n  ORDER BY priority DESC, run_after, id LIMIT ?"
            + lock
            + "),\ndue AS ("
            + "\n  SELECT id, priority, run_after FROM sys_jobs"
            + "\n  WHERE status = 'pending' AND (run_after IS NULL OR run_after <= ?)"
            + "\n  ORDER BY priority DESC, run_after, id LIMIT ?"
            + lock
            + "),\npicked AS ("
            + "\n  SELECT id FROM (SELECT id, priority, run_after FROM expired"
            + "\n    UNION ALL SELECT id, priority, run_after FROM due) AS candidates"
            + "\n  ORDER BY priority DESC, run_after, id LIMIT ?)"
            + "\nUPDATE sys_jobs SET status = 'running', attempts = attempts + 1,"
            + "\n  lease_owner = ?, lease_token = ?, lease_until = ?"
            + "\nWHERE id IN (SELECT id FROM picked)"
            + "\nRETURNING "
            + COLUMNS;
  }

  /** Empties {@code sys_jobs} and writes {@value #JOBS} pending jobs, due now (not timed). */
  @Setup(Level.Invocation)
  public void enqueue() throws SQLException {
    Connection connection = db.raw();
    connection.setAutoCommit(false);
    // TRUNCATE on PostgreSQL: DELETE would leave every earlier invocation's dead rows to be
    // skipped by later claims, and the score would sink from one iteration to the next
    String empty =
        BenchDatabase.POSTGRES.equals(database) ? "TRUNCATE sys_jobs" : "DELETE FROM sys_jobs";
    try (PreparedStatement delete = connection.prepareStatement(empty);
        PreparedStatement insert =
            connection.prepareStatement(
                """
                INSERT INTO sys_jobs (id, job_type, status, created_at, priority, run_after,
                  attempts, max_attempts)
                VALUES (?, 'bench.job', 'pending', ?, ?, ?, 0, 5)
                """)) {
      delete.executeUpdate();
      String created = Timestamps.format(Instant.now().minusSeconds(1));
      for (int i = 0; i < JOBS; i++) {
        insert.setString(1, Id.random().value());
        insert.setString(2, created);
        insert.setInt(3, i % 3);
        insert.setString(4, created);
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** Closes the connections, stops the workers and drops the database. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    workers.shutdownNow();
    for (Connection connection : rawConnections) {
      connection.close();
    }
    db.close();
  }

  /** Through the HostDB API. */
  @Benchmark
  public int hostdb() throws Exception {
    JobQueue jobs = db.hostDb().jobs();
    return drain(
        worker ->
            () -> {
              String owner = "worker-" + worker;
              int done = 0;
              while (true) {
                List<ClaimedJob> claimed =
                    jobs.claim(owner, List.of(), CLAIM_BATCH, Instant.now(), LEASE);
                if (claimed.isEmpty()) {
                  return done;
                }
                for (ClaimedJob job : claimed) {
                  if (jobs.complete(job.lease(), Instant.now())) {
                    done++;
                  }
                }
              }
            });
  }

  /** Hand-written JDBC: the same claim and completion on one plain connection per worker. */
  @Benchmark
  public int rawJdbc() throws Exception {
    return drain(worker -> () -> rawWorker("worker-" + worker, rawConnections.get(worker)));
  }

  private int rawWorker(String owner, Connection connection) throws SQLException {
    int done = 0;
    try (PreparedStatement claim = connection.prepareStatement(claimSql);
        PreparedStatement complete =
            connection.prepareStatement(
                """
                UPDATE sys_jobs SET status = 'completed', completed_at = ?, lease_owner = NULL,
                  lease_token = NULL, lease_until = NULL
                WHERE id = ? AND lease_token = ? AND status = 'running'
                """)) {
      while (true) {
        Instant now = Instant.now();
        String token = UUID.randomUUID().toString().replace("-", "");
        String nowText = Timestamps.format(now);
        claim.setString(1, nowText);
        claim.setInt(2, CLAIM_BATCH);
        claim.setString(3, nowText);
        claim.setInt(4, CLAIM_BATCH);
        claim.setInt(5, CLAIM_BATCH);
        claim.setString(6, owner);
        claim.setString(7, token);
        claim.setString(8, Timestamps.format(now.plus(LEASE)));
        List<JobLease> leases = new ArrayList<>(CLAIM_BATCH);
        try (ResultSet rs = claim.executeQuery()) {
          while (rs.next()) {
            SystemJob job = job(rs);
            leases.add(new JobLease(job.id(), token, owner, job.attempts(), job.leaseUntil()));
          }
        }
        if (leases.isEmpty()) {
          return done;
        }
        for (JobLease lease : leases) {
          complete.setString(1, Timestamps.format(Instant.now()));
          complete.setString(2, lease.jobId().value());
          complete.setString(3, lease.token());
          done += complete.executeUpdate();
        }
      }
    }
  }

  private static SystemJob job(ResultSet rs) throws SQLException {
    Instant createdAt = Timestamps.parse("created_at", rs.getString(6));
    Instant runAfter = Timestamps.parse("run_after", rs.getString(10));
    return new SystemJob(
        Id.of(rs.getString(1)),
        rs.getString(2),
        JobStatus.fromCode(rs.getString(3)),
        rs.getString(4),
        rs.getString(5),
        createdAt,
        Timestamps.parse("completed_at", rs.getString(7)),
        rs.getString(8),
        rs.getInt(9),
        runAfter == null ? createdAt : runAfter,
        rs.getInt(11),
        rs.getInt(12),
        rs.getString(13),
        Timestamps.parse("lease_until", rs.getString(14)));
  }

  private interface Worker {
    Callable<Integer> forWorker(int worker);
  }

  /** Runs {@value #WORKERS} workers until the queue is empty; fails unless all jobs completed. */
  private int drain(Worker worker) throws Exception {
    List<Future<Integer>> running = new ArrayList<>(WORKERS);
    for (int i = 0; i < WORKERS; i++) {
      running.add(workers.submit(worker.forWorker(i)));
    }
    AtomicInteger completed = new AtomicInteger();
    for (Future<Integer> future : running) {
      completed.addAndGet(future.get());
    }
    if (completed.get() != JOBS) {
      throw new IllegalStateException("completed " + completed.get() + " of " + JOBS + " jobs");
    }
    return completed.get();
  }
}
