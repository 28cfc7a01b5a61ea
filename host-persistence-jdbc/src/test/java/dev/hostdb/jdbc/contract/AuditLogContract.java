package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostdb.domain.AuditAnchor;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.AuditPage;
import dev.hostdb.domain.AuditQuery;
import dev.hostdb.domain.AuditVerification;
import dev.hostdb.domain.AuditVerification.Kind;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.AppendOnlyException;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.rule.AuditChain;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What every adapter's {@link dev.hostdb.domain.port.AuditLog} must do. */
public abstract class AuditLogContract extends StoreContract {
  private static final int TAMPER_LOG_SIZE = 10_000;
  private static final int ANCHOR_LOG_SIZE = 200;

  /**
   * Connects to the database under test with plain JDBC, around HostDB.
   *
   * @return a new auto-commit connection; the test closes it
   * @throws SQLException when the database cannot be reached
   */
  protected abstract Connection connectRaw() throws SQLException;

  /**
   * Switches the append-only triggers of {@code sys_audit_logs} off, as someone allowed to change
   * the schema could, so that a test can tamper with the rows.
   *
   * @param statement a statement on a {@link #connectRaw()} connection
   * @throws SQLException when the database refuses
   */
  protected abstract void disableAppendOnly(Statement statement) throws SQLException;

  /**
   * Switches the append-only triggers back on.
   *
   * @param statement a statement on a {@link #connectRaw()} connection
   * @throws SQLException when the database refuses
   */
  protected abstract void enableAppendOnly(Statement statement) throws SQLException;

  /**
   * Asserts that the database refused a statement with its own append-only error code (SQLState or
   * result code), not by message text.
   *
   * @param refusal what the driver threw
   */
  protected abstract void assertAppendOnlyRefusal(SQLException refusal);

  @Test
  void appends_and_lists_newest_first() {
    AuditEntry first = entry("tenant.created", "t1", 1);
    AuditEntry second = entry("user.created", "u1", 2);
    AuditEntry third = entry("tenant.renamed", "t1", 3);
    store.auditLog().append(first);
    store.auditLog().append(third);
    store.auditLog().append(second);

    assertThat(store.auditLog().recent(10)).containsExactly(third, second, first);
    assertThat(store.auditLog().recent(1)).containsExactly(third);
    assertThat(store.auditLog().forTarget("t1", 10)).containsExactly(third, first);
    assertThat(store.auditLog().count()).isEqualTo(3);
  }

  @Test
  void keeps_every_field_and_the_system_actor() {
    AuditEntry entry =
        new AuditEntry(
            Id.random(), Id.SYSTEM, "job.completed", "j1", "{\"ok\":true}", "203.0.113.9", now);

    store.auditLog().append(entry);

    assertThat(store.auditLog().recent(1)).containsExactly(entry);
  }

  @Test
  void rejects_a_limit_out_of_range() {
    assertThatThrownBy(() -> store.auditLog().recent(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void single_and_batch_appends_form_one_verified_chain_in_append_order() {
    AuditEntry first = store.auditLog().append(entry("user.created", "u1", 5));
    List<AuditEntry> batch = entries(5, 0);
    store.auditLog().appendAll(batch);
    AuditEntry last = store.auditLog().append(entry("user.deleted", "u1", 1));

    AuditVerification result = store.auditLog().verify();

    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(result.entriesChecked()).isEqualTo(7);
    List<AuditEntry> expected = new ArrayList<>();
    expected.add(last);
    expected.addAll(reversed(batch));
    expected.add(first);
    assertThat(store.auditLog().query(AuditQuery.newestFirst(100)).entries())
        .containsExactlyElementsOf(expected);
    assertThat(sequenceNumbers()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void an_empty_log_verifies_and_an_empty_batch_appends_nothing() {
    assertThat(store.auditLog().appendAll(List.of())).isEmpty();

    AuditVerification result = store.auditLog().verify();

    assertThat(result.ok()).isTrue();
    assertThat(result.entriesChecked()).isZero();
    assertThat(store.auditLog().count()).isZero();
  }

  @Test
  void a_batch_with_a_taken_id_appends_nothing() {
    AuditEntry taken = store.auditLog().append(entry("user.created", "u1", 0));
    List<AuditEntry> batch = new ArrayList<>(entries(3, 1));
    batch.add(new AuditEntry(taken.id(), Id.random(), "user.login", null, null, null, later(9)));

    assertThatThrownBy(() -> store.auditLog().appendAll(batch))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("append 4 audit entries");

    assertThat(store.auditLog().count()).isEqualTo(1);
    assertThat(store.auditLog().verify().ok()).isTrue();
  }

  @Test
  void a_batch_with_a_null_entry_is_refused_naming_entries() {
    List<AuditEntry> batch = new ArrayList<>(entries(2, 0));
    batch.add(null);

    assertThatThrownBy(() -> store.auditLog().appendAll(batch))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("entries:");
    assertThat(store.auditLog().count()).isZero();
  }

  @Test
  void queries_by_actor_target_event_type_and_time_range_in_any_combination() {
    Id ann = Id.random();
    Id bob = Id.random();
    AuditEntry a1 = new AuditEntry(Id.random(), ann, "user.login", "t1", null, null, later(1));
    AuditEntry a2 = new AuditEntry(Id.random(), ann, "tenant.renamed", "t1", null, null, later(2));
    AuditEntry b1 = new AuditEntry(Id.random(), bob, "user.login", "t2", null, null, later(3));
    AuditEntry a3 = new AuditEntry(Id.random(), ann, "user.login", "t2", null, null, later(4));
    store.auditLog().appendAll(List.of(a1, a2, b1, a3));

    assertThat(page(AuditQuery.newestFirst(10).withActor(ann))).containsExactly(a3, a2, a1);
    assertThat(page(AuditQuery.newestFirst(10).withTarget("t2"))).containsExactly(a3, b1);
    assertThat(page(AuditQuery.newestFirst(10).withEventType("user.login")))
        .containsExactly(a3, b1, a1);
    assertThat(page(AuditQuery.newestFirst(10).withCreatedBetween(later(2), later(4))))
        .containsExactly(b1, a2);
    assertThat(page(AuditQuery.newestFirst(10).withCreatedBetween(later(3), null)))
        .containsExactly(a3, b1);
    assertThat(
            page(
                AuditQuery.newestFirst(10)
                    .withActor(ann)
                    .withEventType("user.login")
                    .withCreatedBetween(null, later(4))))
        .containsExactly(a1);
    assertThat(page(AuditQuery.newestFirst(10).withActor(bob).withTarget("t1"))).isEmpty();
  }

  @Test
  void paging_lists_each_entry_once_in_order_while_entries_are_appended() {
    List<AuditEntry> stored = entries(25, 0);
    store.auditLog().appendAll(stored);
    List<AuditEntry> seen = new ArrayList<>();
    AuditQuery query = AuditQuery.newestFirst(7);
    int pages = 0;

    while (true) {
      AuditPage page = store.auditLog().query(query);
      seen.addAll(page.entries());
      pages++;
      store.auditLog().append(entry("user.login", "late", 100 + pages));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      query = query.after(page.nextCursor().get());
    }

    assertThat(pages).isEqualTo(4);
    assertThat(seen).containsExactlyElementsOf(reversed(stored));
    assertThat(store.auditLog().count()).isEqualTo(29);
  }

  @Test
  void a_cursor_not_made_by_the_log_is_refused_naming_cursor() {
    store.auditLog().appendAll(entries(3, 0));
    String encodedNegative =
        Base64.getUrlEncoder().encodeToString("audit-seq:-1".getBytes(StandardCharsets.UTF_8));
    String encodedText =
        Base64.getUrlEncoder().encodeToString("offset=2".getBytes(StandardCharsets.UTF_8));

    for (String cursor : List.of("not a cursor!", encodedNegative, encodedText, "YWJj")) {
      assertThatThrownBy(() -> store.auditLog().query(AuditQuery.newestFirst(2).after(cursor)))
          .as(cursor)
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("cursor"));
    }
  }

  @Test
  void concurrent_appenders_with_rollbacks_still_build_one_contiguous_chain() throws Exception {
    int threads = 8;
    int perThread = 12;
    ConcurrentLinkedQueue<Id> committed = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Id> rolledBack = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    appendOne(thread, i, committed, rolledBack);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    AuditVerification result = store.auditLog().verify();
    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(rolledBack).isNotEmpty();
    assertThat(result.entriesChecked()).isEqualTo(committed.size());
    assertThat(sequenceNumbers())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, committed.size()).boxed().toList());
    List<Id> stored =
        store.auditLog().query(AuditQuery.newestFirst(1_000)).entries().stream()
            .map(AuditEntry::id)
            .toList();
    assertThat(stored).containsExactlyInAnyOrderElementsOf(committed);
    assertThat(stored).doesNotContainAnyElementsOf(rolledBack);
  }

  @Test
  void an_entry_changed_with_plain_sql_is_named_among_ten_thousand() throws SQLException {
    List<AuditEntry> log = tenThousand();
    AuditEntry victim = log.get(6_789);

    tamper("UPDATE sys_audit_logs SET details = '{\"amount\":0}' WHERE id = ?", victim.id());

    AuditVerification.Problem problem = problem();
    assertThat(problem.kind()).isEqualTo(Kind.CHANGED);
    assertThat(problem.entryId()).contains(victim.id());
    assertThat(problem.seq()).contains(6_790L);
    assertThat(problem.message()).contains(victim.id().value());
  }

  @Test
  void an_entry_deleted_with_plain_sql_is_named_by_its_sequence_number() throws SQLException {
    List<AuditEntry> log = tenThousand();

    tamper("DELETE FROM sys_audit_logs WHERE id = ?", log.get(4_321).id());

    AuditVerification.Problem problem = problem();
    assertThat(problem.kind()).isEqualTo(Kind.REMOVED);
    assertThat(problem.seq()).contains(4_322L);
    assertThat(problem.message()).contains(log.get(4_322).id().value());
  }

  @Test
  void an_entry_inserted_with_plain_sql_is_named() throws SQLException {
    tenThousand();
    Id intruder = Id.random();

    tamper(
        "INSERT INTO sys_audit_logs (id, actor_user_id, event_type, created_at)"
            + " VALUES (?, '00000000000000000000000000000000', 'user.promoted',"
            + " '2026-12-03T12:00:00.000000')",
        intruder);

    AuditVerification.Problem problem = problem();
    assertThat(problem.kind()).isEqualTo(Kind.INSERTED);
    assertThat(problem.entryId()).contains(intruder);
    assertThat(problem.seq()).isEmpty();
  }

  @Test
  void an_entry_inserted_with_a_forged_sequence_number_and_hash_is_named() throws SQLException {
    tenThousand();
    Id forger = Id.random();

    tamper(
        "INSERT INTO sys_audit_logs (id, actor_user_id, event_type, created_at, seq, prev_hash,"
            + " entry_hash) VALUES (?, '00000000000000000000000000000000', 'user.promoted',"
            + " '2026-12-03T12:00:00.000000', 10001, '"
            + "ab".repeat(32)
            + "', '"
            + "cd".repeat(32)
            + "')",
        forger);

    AuditVerification.Problem problem = problem();
    assertThat(problem.kind()).isEqualTo(Kind.INSERTED);
    assertThat(problem.entryId()).contains(forger);
    assertThat(problem.seq()).contains(10_001L);
  }

  @Test
  void the_database_refuses_update_and_delete_of_audit_rows() throws SQLException {
    AuditEntry kept = store.auditLog().append(entry("user.login", "u1", 0));

    try (Connection connection = connectRaw();
        Statement statement = connection.createStatement()) {
      assertAppendOnlyRefusal(
          catchThrowableOfType(
              SQLException.class,
              () -> statement.executeUpdate("UPDATE sys_audit_logs SET details = 'x'")));
      assertAppendOnlyRefusal(
          catchThrowableOfType(
              SQLException.class, () -> statement.executeUpdate("DELETE FROM sys_audit_logs")));
    }

    assertThat(store.auditLog().recent(10)).containsExactly(kept);
    assertThat(store.auditLog().verify().ok()).isTrue();
  }

  @Test
  void a_refusal_reaching_the_error_translator_becomes_append_only_exception() throws SQLException {
    store.auditLog().append(entry("user.login", "u1", 0));
    SQLException refusal;
    try (Connection connection = connectRaw();
        Statement statement = connection.createStatement()) {
      refusal =
          catchThrowableOfType(
              SQLException.class, () -> statement.executeUpdate("DELETE FROM sys_audit_logs"));
    }

    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          throw new IllegalStateException("delete audit entries", refusal);
                        }))
        .isInstanceOf(AppendOnlyException.class)
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("sys_audit_logs is append-only")
        .satisfies(e -> assertThat(((AppendOnlyException) e).table()).isEqualTo("sys_audit_logs"));
  }

  @Test
  void the_head_anchors_the_end_of_the_chain_and_verifies_against_it() {
    assertThat(store.auditLog().head()).isEmpty();
    List<AuditEntry> log = entries(ANCHOR_LOG_SIZE, 0);
    store.auditLog().appendAll(log);

    AuditAnchor head = store.auditLog().head().orElseThrow();

    assertThat(head.seq()).isEqualTo(ANCHOR_LOG_SIZE);
    assertThat(AuditAnchor.parse(head.toString())).isEqualTo(head);
    assertThat(store.auditLog().verify(head)).isEqualTo(AuditVerification.intact(ANCHOR_LOG_SIZE));
    store.auditLog().append(entry("after.anchor", "t", 1));
    assertThat(store.auditLog().verify(head))
        .isEqualTo(AuditVerification.intact(ANCHOR_LOG_SIZE + 1));
    assertThatThrownBy(() -> store.auditLog().verify(null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("anchor"));
  }

  @Test
  void cutting_off_the_newest_entries_passes_the_chain_but_not_its_anchor() throws SQLException {
    store.auditLog().appendAll(entries(ANCHOR_LOG_SIZE, 0));
    AuditAnchor head = store.auditLog().head().orElseThrow();

    try (Connection connection = connectRaw();
        Statement statement = connection.createStatement()) {
      disableAppendOnly(statement);
      try {
        statement.executeUpdate("DELETE FROM sys_audit_logs WHERE seq > " + (ANCHOR_LOG_SIZE - 20));
      } finally {
        enableAppendOnly(statement);
      }
    }

    assertThat(store.auditLog().verify()).isEqualTo(AuditVerification.intact(ANCHOR_LOG_SIZE - 20));
    AuditVerification anchored = store.auditLog().verify(head);
    assertThat(anchored.ok()).isFalse();
    assertThat(anchored.problem().orElseThrow().kind()).isEqualTo(Kind.REMOVED);
    assertThat(anchored.problem().orElseThrow().seq()).contains((long) ANCHOR_LOG_SIZE);
  }

  @Test
  void a_chain_rebuilt_after_a_change_passes_alone_but_not_against_its_anchor()
      throws SQLException {
    List<AuditEntry> log = entries(ANCHOR_LOG_SIZE, 0);
    store.auditLog().appendAll(log);
    AuditAnchor head = store.auditLog().head().orElseThrow();
    int changed = 50;

    rebuildChainFrom(changed + 1, log.get(changed).id(), "{\"amount\":0}");

    assertThat(store.auditLog().verify()).isEqualTo(AuditVerification.intact(ANCHOR_LOG_SIZE));
    AuditVerification.Problem problem = store.auditLog().verify(head).problem().orElseThrow();
    assertThat(problem.kind()).isEqualTo(Kind.CHANGED);
    assertThat(problem.seq()).contains((long) ANCHOR_LOG_SIZE);
    assertThat(problem.entryId()).contains(log.get(ANCHOR_LOG_SIZE - 1).id());
  }

  /**
   * What someone who can write the table could do: change one entry's details and recompute the
   * hash of that entry and of every later one, so that the chain is consistent again.
   */
  private void rebuildChainFrom(long fromSeq, Id changedId, String details) throws SQLException {
    try (Connection connection = connectRaw();
        Statement statement = connection.createStatement()) {
      disableAppendOnly(statement);
      try {
        List<AuditChain.Row> rows = new ArrayList<>();
        try (ResultSet rs =
            statement.executeQuery(
                "SELECT seq, id, actor_user_id, event_type, target_id, details, ip_address,"
                    + " created_at, prev_hash, entry_hash FROM sys_audit_logs WHERE seq >= "
                    + (fromSeq - 1)
                    + " ORDER BY seq")) {
          while (rs.next()) {
            rows.add(
                new AuditChain.Row(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10)));
          }
        }
        long seq = rows.get(0).seq();
        String hash = rows.get(0).entryHash();
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE sys_audit_logs SET details = ?, prev_hash = ?, entry_hash = ?"
                    + " WHERE seq = ?")) {
          for (AuditChain.Row row : rows.subList(1, rows.size())) {
            String newDetails = row.id().equals(changedId.value()) ? details : row.details();
            AuditChain.Row rebuilt =
                AuditChain.Row.unchained(
                        row.id(),
                        row.actorUserId(),
                        row.eventType(),
                        row.targetId(),
                        newDetails,
                        row.ipAddress(),
                        row.createdAt())
                    .linkedAfter(seq, hash);
            update.setString(1, newDetails);
            update.setString(2, rebuilt.prevHash());
            update.setString(3, rebuilt.entryHash());
            update.setLong(4, rebuilt.seq());
            assertThat(update.executeUpdate()).isOne();
            seq = rebuilt.seq();
            hash = rebuilt.entryHash();
          }
        }
      } finally {
        enableAppendOnly(statement);
      }
    }
  }

  /** Appends one entry; every third rolls back with a user it created, every other one commits. */
  private void appendOne(
      int thread,
      int i,
      ConcurrentLinkedQueue<Id> committed,
      ConcurrentLinkedQueue<Id> rolledBack) {
    AuditEntry entry = entry("load.t" + thread, "t" + thread, i);
    if (i % 2 == 0) {
      store.auditLog().append(entry);
      committed.add(entry.id());
      return;
    }
    boolean rollBack = i % 3 == 1;
    try {
      store
          .transactions()
          .inTransaction(
              () -> {
                store
                    .users()
                    .create(User.create(Id.random(), Email.of(entry.id() + "@example.com"), now));
                store.auditLog().append(entry);
                if (rollBack) {
                  throw new IllegalStateException("roll back " + entry.id());
                }
                return entry;
              });
      committed.add(entry.id());
    } catch (IllegalStateException expected) {
      rolledBack.add(entry.id());
    }
  }

  private List<AuditEntry> tenThousand() {
    List<AuditEntry> log = entries(TAMPER_LOG_SIZE, 0);
    store.auditLog().appendAll(log);
    assertThat(store.auditLog().verify()).isEqualTo(AuditVerification.intact(TAMPER_LOG_SIZE));
    return log;
  }

  private void tamper(String sql, Id id) throws SQLException {
    try (Connection connection = connectRaw();
        Statement statement = connection.createStatement()) {
      disableAppendOnly(statement);
      try (PreparedStatement change = connection.prepareStatement(sql)) {
        change.setString(1, id.value());
        assertThat(change.executeUpdate()).isEqualTo(1);
      } finally {
        enableAppendOnly(statement);
      }
    }
  }

  private AuditVerification.Problem problem() {
    AuditVerification result = store.auditLog().verify();
    assertThat(result.ok()).isFalse();
    return result.problem().orElseThrow();
  }

  private List<Long> sequenceNumbers() {
    List<Long> seqs = new ArrayList<>();
    try (Connection connection = connectRaw();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT seq FROM sys_audit_logs ORDER BY seq")) {
      while (rows.next()) {
        seqs.add(rows.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return seqs;
  }

  private List<AuditEntry> page(AuditQuery query) {
    AuditPage page = store.auditLog().query(query);
    assertThat(page.nextCursor()).isEqualTo(Optional.empty());
    return page.entries();
  }

  private List<AuditEntry> entries(int count, long firstSecond) {
    List<AuditEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(
          new AuditEntry(
              Id.random(),
              Id.random(),
              "user.login",
              "t" + (i % 10),
              "{\"n\":" + i + "}",
              "203.0.113.9",
              later(firstSecond + i)));
    }
    return entries;
  }

  private static List<AuditEntry> reversed(List<AuditEntry> entries) {
    List<AuditEntry> copy = new ArrayList<>(entries);
    Collections.reverse(copy);
    return copy;
  }

  private AuditEntry entry(String type, String target, long second) {
    return new AuditEntry(Id.random(), Id.random(), type, target, null, null, later(second));
  }
}
