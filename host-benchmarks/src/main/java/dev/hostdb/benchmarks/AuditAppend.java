package dev.hostdb.benchmarks;

import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Timestamps;
import dev.hostdb.domain.rule.AuditChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending to the audit trail, alone and {@value #BATCH} entries at a time, with fresh ids every
 * operation (a counter, so that building the entries costs both sides the same).
 *
 * <p>{@code hostdbSingle} calls {@code auditLog().append} (a transaction that locks the end of the
 * hash chain, reads the last hash, hashes and inserts); {@code hostdbBatch} calls {@code
 * auditLog().appendAll} ({@value #BATCH} entries, one lock, one JDBC batch).
 *
 * <p>Two hand-written baselines on one plain driver connection. {@code rawJdbcChainedSingle} and
 * {@code rawJdbcChainedBatch} do the same job as HostDB, by hand: in one transaction, the advisory
 * lock on PostgreSQL, the last sequence number and hash, then the entries with their sequence
 * numbers and SHA-256 hashes (one JDBC batch for the batch); their ratio is HostDB's own overhead.
 * {@code rawJdbcSingle} and {@code rawJdbcBatch} insert the same entries into the reference's seven
 * columns only, without chain (the single insert in auto-commit mode, the batch in one
 * transaction); their ratio also prices the chain itself. The table grows through the trial on
 * every side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditAppend {
  /** Entries per batch operation. */
  public static final int BATCH = 1_000;

  private static final String INSERT =
      """
      INSERT INTO sys_audit_logs (id, actor_user_id, event_type, target_id, details, ip_address,
        created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """;
  private static final String INSERT_CHAINED =
      """
      INSERT INTO sys_audit_logs (id, actor_user_id, event_type, target_id, details, ip_address,
        created_at, seq, prev_hash, entry_hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;
  private static final String CHAIN_END =
      "SELECT seq, entry_hash FROM sys_audit_logs"
          + " WHERE seq = (SELECT MAX(seq) FROM sys_audit_logs)";

  /** The advisory lock key HostDB's PostgreSQL dialect takes for appends. */
  private static final long APPEND_LOCK_KEY = 0x686f73746462_0005L;

  private static final Instant CREATED = Instant.parse("2026-12-03T12:00:00Z");

  /** The database both sides run on. */
  @Param({BenchDatabase.SQLITE, BenchDatabase.POSTGRES})
  public String database;

  private BenchDatabase db;
  private long next;

  /** Creates the database. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    db = BenchDatabase.open(database);
  }

  /** Drops the database. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    db.close();
  }

  /** One entry through the HostDB API. */
  @Benchmark
  public AuditEntry hostdbSingle() {
    return db.hostDb().auditLog().append(nextEntry());
  }

  /** One entry by hand-written JDBC, auto-commit. */
  @Benchmark
  public int rawJdbcSingle() throws SQLException {
    try (PreparedStatement statement = db.raw().prepareStatement(INSERT)) {
      bind(statement, nextEntry());
      return statement.executeUpdate();
    }
  }

  /** {@value #BATCH} entries through the HostDB API. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<AuditEntry> hostdbBatch() {
    return db.hostDb().auditLog().appendAll(nextEntries());
  }

  /** {@value #BATCH} entries by one hand-written JDBC batch in one transaction. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int rawJdbcBatch() throws SQLException {
    List<AuditEntry> entries = nextEntries();
    Connection connection = db.raw();
    connection.setAutoCommit(false);
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      for (AuditEntry entry : entries) {
        bind(statement, entry);
        statement.addBatch();
      }
      statement.executeBatch();
      connection.commit();
      return entries.size();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** One entry chained by hand-written JDBC, in one transaction. */
  @Benchmark
  public int rawJdbcChainedSingle() throws SQLException {
    return appendChained(List.of(nextEntry()));
  }

  /** {@value #BATCH} entries chained by hand-written JDBC: one transaction, one batch. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int rawJdbcChainedBatch() throws SQLException {
    return appendChained(nextEntries());
  }

  private int appendChained(List<AuditEntry> entries) throws SQLException {
    Connection connection = db.raw();
    connection.setAutoCommit(false);
    try (PreparedStatement chainEnd = connection.prepareStatement(CHAIN_END);
        PreparedStatement insert = connection.prepareStatement(INSERT_CHAINED)) {
      if (BenchDatabase.POSTGRES.equals(database)) {
        try (PreparedStatement lock =
            connection.prepareStatement("SELECT pg_advisory_xact_lock(" + APPEND_LOCK_KEY + ")")) {
          lock.execute();
        }
      }
      long seq = 0;
      String hash = AuditChain.GENESIS;
      try (ResultSet end = chainEnd.executeQuery()) {
        if (end.next()) {
          seq = end.getLong(1);
          hash = end.getString(2);
        }
      }
      for (AuditEntry entry : entries) {
        AuditChain.Row row =
            AuditChain.Row.unchained(
                    entry.id().value(),
                    entry.actorUserId().value(),
                    entry.eventType(),
                    entry.targetId(),
                    entry.details(),
                    entry.ipAddress(),
                    Timestamps.format(entry.createdAt()))
                .linkedAfter(seq, hash);
        bind(insert, entry);
        insert.setLong(8, row.seq());
        insert.setString(9, row.prevHash());
        insert.setString(10, row.entryHash());
        insert.addBatch();
        seq = row.seq();
        hash = row.entryHash();
      }
      insert.executeBatch();
      connection.commit();
      return entries.size();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static void bind(PreparedStatement statement, AuditEntry entry) throws SQLException {
    statement.setString(1, entry.id().value());
    statement.setString(2, entry.actorUserId().value());
    statement.setString(3, entry.eventType());
    RawRows.text(statement, 4, entry.targetId());
    RawRows.text(statement, 5, entry.details());
    RawRows.text(statement, 6, entry.ipAddress());
    statement.setString(7, Timestamps.format(entry.createdAt()));
  }

  private List<AuditEntry> nextEntries() {
    List<AuditEntry> entries = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      entries.add(nextEntry());
    }
    return entries;
  }

  private AuditEntry nextEntry() {
    long n = next++;
    return new AuditEntry(
        Id.of(String.format("%032x", n)),
        Id.SYSTEM,
        "user.login",
        "t" + (n % 100),
        "{\"n\":" + n + "}",
        "203.0.113.9",
        CREATED.plusMillis(n));
  }
}
