package dev.hostdb.benchmarks;

import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * auditLog().appendAll} ({@value #BATCH} entries, one lock, one JDBC batch). {@code rawJdbcSingle}
 * and {@code rawJdbcBatch} insert the same rows into the reference's seven columns of {@code
 * sys_audit_logs} on one plain driver connection, without chain: the single insert in auto-commit
 * mode, the batch in one transaction. The ratio therefore prices the chain (lock, last-hash read,
 * SHA-256) as well as HostDB's own overhead. The table grows through the trial on both sides.
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
