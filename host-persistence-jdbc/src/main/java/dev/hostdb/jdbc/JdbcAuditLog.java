package dev.hostdb.jdbc;

import dev.hostdb.domain.AuditAnchor;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.AuditPage;
import dev.hostdb.domain.AuditQuery;
import dev.hostdb.domain.AuditVerification;
import dev.hostdb.domain.AuditVerification.Kind;
import dev.hostdb.domain.AuditVerification.Problem;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Timestamps;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.port.AuditLog;
import dev.hostdb.domain.rule.AuditChain;
import dev.hostdb.domain.rule.AuditChain.Row;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link AuditLog} on {@code sys_audit_logs}: insert and select only, every entry chained to the
 * one before it by {@link AuditChain}.
 *
 * <p>An append locks the end of the chain ({@link Dialect#auditAppendLock()}), reads the last
 * sequence number and hash, and inserts the next; the lock lasts until the appending transaction
 * ends, so that a rolled-back append leaves no gap and concurrent appends no fork.
 */
final class JdbcAuditLog implements AuditLog {
  private static final String SELECT =
      "SELECT id, actor_user_id, event_type, target_id, details, ip_address, created_at"
          + " FROM sys_audit_logs";
  private static final String SELECT_CHAINED =
      "SELECT seq, id, actor_user_id, event_type, target_id, details, ip_address, created_at,"
          + " prev_hash, entry_hash FROM sys_audit_logs";
  private static final String INSERT =
      """
      INSERT INTO sys_audit_logs (id, actor_user_id, event_type, target_id, details, ip_address,
        created_at, seq, prev_hash, entry_hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;
  private static final int BATCH_SIZE = 1000;
  private static final int VERIFY_CHUNK = 1000;
  private static final String CURSOR_PREFIX = "audit-seq:";

  private final Sql sql;

  JdbcAuditLog(Sql sql) {
    this.sql = sql;
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    if (entry == null) {
      throw new InvalidInputException("entry", "is required");
    }
    return sql.write(
        "append audit entry " + entry.id() + " (" + entry.eventType() + ")",
        db -> {
          Row end = lockChainEnd(db);
          Row row = unchained(entry).linkedAfter(end.seq(), end.entryHash());
          db.sql(INSERT).params(values(row)).update();
          return entry;
        });
  }

  @Override
  public List<AuditEntry> appendAll(List<AuditEntry> entries) {
    List<AuditEntry> copy = checked(entries);
    if (copy.isEmpty()) {
      return copy;
    }
    return sql.write(
        "append " + copy.size() + " audit entries",
        db -> {
          Row end = lockChainEnd(db);
          List<Object[]> rows = new ArrayList<>(copy.size());
          long seq = end.seq();
          String hash = end.entryHash();
          for (AuditEntry entry : copy) {
            Row row = unchained(entry).linkedAfter(seq, hash);
            rows.add(values(row));
            seq = row.seq();
            hash = row.entryHash();
          }
          sql.batch(INSERT, rows, BATCH_SIZE);
          return copy;
        });
  }

  @Override
  public List<AuditEntry> recent(int limit) {
    Rows.checkLimit(limit);
    return sql.read(
        "list audit entries",
        db ->
            db.sql(SELECT + " ORDER BY created_at DESC, id DESC LIMIT ?")
                .param(limit)
                .query(JdbcAuditLog::map)
                .list());
  }

  @Override
  public List<AuditEntry> forTarget(String targetId, int limit) {
    Rows.checkLimit(limit);
    return sql.read(
        "list audit entries of " + targetId,
        db ->
            db.sql(SELECT + " WHERE target_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(targetId, limit)
                .query(JdbcAuditLog::map)
                .list());
  }

  @Override
  public AuditPage query(AuditQuery query) {
    if (query == null) {
      throw new InvalidInputException("query", "is required");
    }
    StringBuilder where = new StringBuilder(" WHERE seq IS NOT NULL");
    List<Object> params = new ArrayList<>();
    filter(where, params, "actor_user_id = ?", Rows.text(query.actorUserId()));
    filter(where, params, "target_id = ?", query.targetId());
    filter(where, params, "event_type = ?", query.eventType());
    filter(where, params, "created_at >= ?", Rows.text(query.from()));
    filter(where, params, "created_at < ?", Rows.text(query.until()));
    filter(where, params, "seq < ?", query.cursor() == null ? null : seqOf(query.cursor()));
    params.add(query.limit() + 1);
    List<Row> rows =
        sql.read(
            "query audit entries",
            db ->
                db.sql(SELECT_CHAINED + where + " ORDER BY seq DESC LIMIT ?")
                    .params(params)
                    .query(JdbcAuditLog::mapRow)
                    .list());

    List<Row> page = rows.size() > query.limit() ? rows.subList(0, query.limit()) : rows;
    Optional<String> next =
        rows.size() > query.limit()
            ? Optional.of(cursorOf(page.get(page.size() - 1).seq()))
            : Optional.empty();
    return new AuditPage(page.stream().map(JdbcAuditLog::entry).toList(), next);
  }

  @Override
  public AuditVerification verify() {
    return sql.read(
        "verify audit log",
        db -> {
          AuditChain.Verifier verifier = new AuditChain.Verifier();
          long after = 0;
          List<Row> chunk;
          do {
            chunk =
                db.sql(SELECT_CHAINED + " WHERE seq > ? ORDER BY seq LIMIT ?")
                    .params(after, VERIFY_CHUNK)
                    .query(JdbcAuditLog::mapRow)
                    .list();
            for (Row row : chunk) {
              if (!verifier.accept(row)) {
                return verifier.result();
              }
              after = row.seq();
            }
          } while (chunk.size() == VERIFY_CHUNK);
          db.sql(SELECT_CHAINED + " WHERE seq IS NULL ORDER BY created_at, id LIMIT 1")
              .query(JdbcAuditLog::mapRow)
              .optional()
              .ifPresent(stray -> verifier.fail(AuditChain.outOfBand(stray)));
          return verifier.result();
        });
  }

  @Override
  public Optional<AuditAnchor> head() {
    return sql.read(
        "read the end of the audit chain",
        db ->
            db.sql(
                    "SELECT seq, entry_hash FROM sys_audit_logs"
                        + " WHERE seq = (SELECT MAX(seq) FROM sys_audit_logs)")
                .query((rs, row) -> new AuditAnchor(rs.getLong("seq"), rs.getString("entry_hash")))
                .optional());
  }

  @Override
  public AuditVerification verify(AuditAnchor anchor) {
    if (anchor == null) {
      throw new InvalidInputException("anchor", "is required");
    }
    AuditVerification chain = verify();
    if (!chain.ok()) {
      return chain;
    }
    Optional<Row> anchored =
        sql.read(
            "read audit entry " + anchor.seq(),
            db ->
                db.sql(SELECT_CHAINED + " WHERE seq = ?")
                    .param(anchor.seq())
                    .query(JdbcAuditLog::mapRow)
                    .optional());
    if (anchored.isEmpty()) {
      return AuditVerification.broken(
          chain.entriesChecked(),
          new Problem(
              Kind.REMOVED,
              Optional.empty(),
              Optional.of(anchor.seq()),
              "the anchored entry "
                  + anchor.seq()
                  + " is gone: the chain holds "
                  + chain.entriesChecked()
                  + " entries, so its newest were removed"));
    }
    Row row = anchored.get();
    if (!anchor.entryHash().equals(row.entryHash())) {
      return AuditVerification.broken(
          chain.entriesChecked(),
          new Problem(
              Kind.CHANGED,
              Optional.of(Id.of(row.id())),
              Optional.of(anchor.seq()),
              "entry "
                  + row.id()
                  + " (seq "
                  + anchor.seq()
                  + ") no longer has the anchored hash: the chain was rebuilt up to it"));
    }
    return chain;
  }

  @Override
  public long count() {
    return sql.read(
        "count audit entries",
        db -> db.sql("SELECT COUNT(*) FROM sys_audit_logs").query(Long.class).single());
  }

  /**
   * Waits for the other appenders (where the dialect needs a lock) and reads the end of the chain.
   *
   * @return the last chained row's sequence number and hash; 0 and {@link AuditChain#GENESIS} for
   *     an empty log
   */
  private Row lockChainEnd(JdbcClient db) {
    String lock = sql.dialect().auditAppendLock();
    if (!lock.isEmpty()) {
      db.sql(lock).query((rs, row) -> Boolean.TRUE).list();
    }
    return db.sql(SELECT_CHAINED + " WHERE seq = (SELECT MAX(seq) FROM sys_audit_logs)")
        .query(JdbcAuditLog::mapRow)
        .optional()
        .orElse(new Row(0L, null, null, null, null, null, null, null, null, AuditChain.GENESIS));
  }

  private static void filter(
      StringBuilder where, List<Object> params, String clause, Object value) {
    if (value != null) {
      where.append(" AND ").append(clause);
      params.add(value);
    }
  }

  private static String cursorOf(long seq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((CURSOR_PREFIX + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static long seqOf(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR_PREFIX)) {
        long seq = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
        if (seq > 0) {
          return seq;
        }
      }
    } catch (IllegalArgumentException malformed) {
      // not Base64 or not a number: refused below like any other foreign cursor
    }
    throw new InvalidInputException("cursor", "was not made by this audit log's query");
  }

  private static List<AuditEntry> checked(List<AuditEntry> entries) {
    if (entries == null) {
      throw new InvalidInputException("entries", "is required");
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) == null) {
        throw new InvalidInputException("entries", "element " + i + " is null");
      }
    }
    return List.copyOf(entries);
  }

  private static Row unchained(AuditEntry entry) {
    return Row.unchained(
        entry.id().value(),
        entry.actorUserId().value(),
        entry.eventType(),
        entry.targetId(),
        entry.details(),
        entry.ipAddress(),
        Rows.text(entry.createdAt()));
  }

  private static Object[] values(Row row) {
    return new Object[] {
      row.id(),
      row.actorUserId(),
      row.eventType(),
      row.targetId(),
      row.details(),
      row.ipAddress(),
      row.createdAt(),
      row.seq(),
      row.prevHash(),
      row.entryHash()
    };
  }

  private static AuditEntry entry(Row row) {
    return new AuditEntry(
        Id.of(row.id()),
        Id.of(row.actorUserId()),
        row.eventType(),
        row.targetId(),
        row.details(),
        row.ipAddress(),
        Timestamps.parse("created_at", row.createdAt()));
  }

  static AuditEntry map(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        Rows.id(rs, "id"),
        Rows.id(rs, "actor_user_id"),
        rs.getString("event_type"),
        rs.getString("target_id"),
        rs.getString("details"),
        rs.getString("ip_address"),
        Rows.instant(rs, "created_at"));
  }

  private static Row mapRow(ResultSet rs, int row) throws SQLException {
    long seq = rs.getLong("seq");
    return new Row(
        rs.wasNull() ? null : seq,
        rs.getString("id"),
        rs.getString("actor_user_id"),
        rs.getString("event_type"),
        rs.getString("target_id"),
        rs.getString("details"),
        rs.getString("ip_address"),
        rs.getString("created_at"),
        rs.getString("prev_hash"),
        rs.getString("entry_hash"));
  }
}
