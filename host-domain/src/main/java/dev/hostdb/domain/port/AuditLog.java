package dev.hostdb.domain.port;

import dev.hostdb.domain.AuditAnchor;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.AuditPage;
import dev.hostdb.domain.AuditQuery;
import dev.hostdb.domain.AuditVerification;
import java.util.List;
import java.util.Optional;

/**
 * The append-only, tamper-evident audit trail ({@code sys_audit_logs}): entries are never changed
 * or removed, and each one is chained to the one before it by a hash (see {@link
 * dev.hostdb.domain.rule.AuditChain}), so that {@link #verify()} finds an entry changed, removed or
 * inserted behind the log's back.
 *
 * <p>Appends are serialised: each one takes the next sequence number after the last entry, so that
 * concurrent appenders still build one valid chain. Inside a transaction, an append holds its place
 * in the chain until that transaction ends; other appenders wait for it.
 */
public interface AuditLog {
  /**
   * Appends an entry at the end of the chain; inside a transaction it commits or rolls back with
   * the change it records.
   *
   * @throws dev.hostdb.domain.error.ConflictException when the id is taken
   */
  AuditEntry append(AuditEntry entry);

  /**
   * Appends entries in their list order, all or none, with one wait for the end of the chain.
   *
   * @param entries the entries; an empty list appends nothing
   * @return the entries appended
   * @throws dev.hostdb.domain.error.ConflictException when an id is taken or repeated; nothing is
   *     appended
   * @throws dev.hostdb.domain.error.InvalidInputException naming {@code entries} when the list or
   *     one of its elements is null
   */
  List<AuditEntry> appendAll(List<AuditEntry> entries);

  /** The newest entries first (by creation time), at most {@code limit}. */
  List<AuditEntry> recent(int limit);

  /** The entries about one record, newest first (by creation time), at most {@code limit}. */
  List<AuditEntry> forTarget(String targetId, int limit);

  /**
   * One page of the chained entries that match {@code query}, newest first by sequence number.
   * Paging with {@link dev.hostdb.domain.AuditPage#nextCursor()} lists each matching entry exactly
   * once, even while entries are appended between pages (those appear only on a new first page).
   *
   * @throws dev.hostdb.domain.error.InvalidInputException naming {@code cursor} when the cursor was
   *     not made by this log
   */
  AuditPage query(AuditQuery query);

  /**
   * Recomputes every entry's hash and checks each link and the sequence numbers, in order.
   *
   * @return intact with the number of entries checked, or the first entry changed, removed or
   *     inserted around the log
   */
  AuditVerification verify();

  /**
   * The end of the chain, to keep outside the database ({@link AuditAnchor}): the last entry's
   * sequence number and hash; empty while the log has no chained entry.
   */
  Optional<AuditAnchor> head();

  /**
   * {@link #verify()}, and then whether the chain still holds the anchored entry with the anchored
   * hash: a chain cut off before it, or rebuilt (every hash recomputed) up to it, fails although it
   * is consistent in itself.
   *
   * @return intact, or the first problem; a chain that ends before the anchor is {@link
   *     AuditVerification.Kind#REMOVED} at the anchor's sequence number, an anchored entry with
   *     another hash is {@link AuditVerification.Kind#CHANGED}
   * @throws dev.hostdb.domain.error.InvalidInputException when the anchor is missing
   */
  AuditVerification verify(AuditAnchor anchor);

  /** The number of entries. */
  long count();
}
