package dev.hostdb.domain.rule;

import dev.hostdb.domain.AuditVerification;
import dev.hostdb.domain.AuditVerification.Kind;
import dev.hostdb.domain.AuditVerification.Problem;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The hash chain that makes the audit log tamper-evident: every entry stores its sequence number,
 * the previous entry's hash and its own hash, a SHA-256 over all of its stored columns and the
 * previous hash. Changing, removing or inserting an entry breaks the chain at that entry.
 *
 * <p>The hash covers an unambiguous encoding: the sequence number as 8 bytes, then each text column
 * as a 4-byte length (-1 for NULL) followed by its UTF-8 bytes, in the order id, actor_user_id,
 * event_type, target_id, details, ip_address, created_at (the stored text), prev_hash. The first
 * entry's previous hash is {@link #GENESIS}.
 *
 * <p><b>NOTE:</b> the hash has no key: whoever can write the table and recompute every later hash
 * can rewrite history unseen. Keeping the latest hash somewhere else closes that gap.
 */
public final class AuditChain {
  /** The previous hash of the first entry: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /**
   * One row of {@code sys_audit_logs} as stored: text columns exactly as the database holds them.
   *
   * @param seq the sequence number, or null for a row inserted around the log
   * @param id the entry's id
   * @param actorUserId who acted
   * @param eventType what happened
   * @param targetId the record acted on, or null
   * @param details JSON text, or null
   * @param ipAddress the caller's address, or null
   * @param createdAt the stored creation time text
   * @param prevHash the previous entry's hash, or null for a row inserted around the log
   * @param entryHash this entry's hash, or null for a row inserted around the log
   */
  public record Row(
      Long seq,
      String id,
      String actorUserId,
      String eventType,
      String targetId,
      String details,
      String ipAddress,
      String createdAt,
      String prevHash,
      String entryHash) {

    /**
     * A row not yet placed in the chain.
     *
     * @return the row without sequence number and hashes
     */
    public static Row unchained(
        String id,
        String actorUserId,
        String eventType,
        String targetId,
        String details,
        String ipAddress,
        String createdAt) {
      return new Row(
          null, id, actorUserId, eventType, targetId, details, ipAddress, createdAt, null, null);
    }

    /**
     * Places this row right after the entry {@code previousSeq} whose hash is {@code previousHash}.
     *
     * @param previousSeq the sequence number of the last entry, 0 when the log is empty
     * @param previousHash the hash of the last entry, {@link #GENESIS} when the log is empty
     * @return the row with sequence number {@code previousSeq + 1} and both hashes
     */
    public Row linkedAfter(long previousSeq, String previousHash) {
      if (previousSeq < 0) {
        throw new InvalidInputException("seq", "must not be negative but was " + previousSeq);
      }
      Row linked =
          new Row(
              previousSeq + 1,
              id,
              actorUserId,
              eventType,
              targetId,
              details,
              ipAddress,
              createdAt,
              previousHash,
              null);
      return linked.withHash(hash(linked));
    }

    /** True when the row has a sequence number and both hashes. */
    public boolean chained() {
      return seq != null && prevHash != null && entryHash != null;
    }

    private Row withHash(String hash) {
      return new Row(
          seq, id, actorUserId, eventType, targetId, details, ipAddress, createdAt, prevHash, hash);
    }
  }

  /**
   * Computes the hash a chained row must store.
   *
   * @param row a row with a sequence number and previous hash; its own hash is ignored
   * @return 64 lower-case hex digits
   * @throws InvalidInputException naming {@code seq} when the row has no sequence number
   */
  public static String hash(Row row) {
    if (row.seq() == null) {
      throw new InvalidInputException("seq", "is required to hash an audit entry " + row.id());
    }
    MessageDigest digest = sha256();
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(row.seq()).array());
    for (String field :
        new String[] {
          row.id(),
          row.actorUserId(),
          row.eventType(),
          row.targetId(),
          row.details(),
          row.ipAddress(),
          row.createdAt(),
          row.prevHash()
        }) {
      update(digest, field);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Names a row that has no place in the chain: it was written around the log, by plain SQL or
   * another program.
   *
   * @param row a row without sequence number or hashes
   * @return an {@link Kind#INSERTED} problem naming the row
   */
  public static Problem outOfBand(Row row) {
    return new Problem(
        Kind.INSERTED,
        entryId(row),
        Optional.ofNullable(row.seq()),
        "audit entry "
            + row.id()
            + " has no sequence number or hash: it was inserted around the audit log");
  }

  private static void update(MessageDigest digest, String field) {
    if (field == null) {
      digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
      return;
    }
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static Optional<Id> entryId(Row row) {
    try {
      return Optional.of(Id.of(row.id()));
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
  }

  /**
   * Walks the chained rows in sequence order and stops at the first problem. Feed it every chained
   * row from sequence number 1 upward, then ask {@link #result()}.
   */
  public static final class Verifier {
    private long expectedSeq = 1;
    private String previousHash = GENESIS;
    private String previousId;
    private long checked;
    private Problem problem;

    /**
     * Checks the next row.
     *
     * @param row the chained row with the next higher sequence number
     * @return false once a problem is found: the walk can stop
     */
    public boolean accept(Row row) {
      if (problem != null) {
        return false;
      }
      checked++;
      problem = check(row);
      if (problem != null) {
        return false;
      }
      expectedSeq = row.seq() + 1;
      previousHash = row.entryHash();
      previousId = row.id();
      return true;
    }

    /**
     * Records a problem found outside the walk, such as a row without sequence number.
     *
     * @param found the problem; ignored when one was already found
     */
    public void fail(Problem found) {
      if (problem == null) {
        problem = found;
      }
    }

    /**
     * Tells what the walk found so far.
     *
     * @return intact with the number of rows checked, or the first problem
     */
    public AuditVerification result() {
      return problem == null
          ? AuditVerification.intact(checked)
          : AuditVerification.broken(checked, problem);
    }

    private Problem check(Row row) {
      if (!row.chained()) {
        return outOfBand(row);
      }
      if (row.seq() > expectedSeq) {
        return new Problem(
            Kind.REMOVED,
            Optional.empty(),
            Optional.of(expectedSeq),
            "audit entry with sequence number "
                + expectedSeq
                + " was removed: the log goes from "
                + (previousId == null ? "its start" : "entry " + previousId)
                + " to entry "
                + row.id()
                + " (sequence number "
                + row.seq()
                + ")");
      }
      if (row.seq() < expectedSeq || !row.prevHash().equals(previousHash)) {
        return new Problem(
            Kind.INSERTED,
            entryId(row),
            Optional.of(row.seq()),
            "audit entry "
                + row.id()
                + " (sequence number "
                + row.seq()
                + ") does not link to "
                + (previousId == null ? "the start of the log" : "entry " + previousId)
                + ": it was inserted around the audit log, or the entry before it rewritten");
      }
      if (!hash(row).equals(row.entryHash())) {
        return new Problem(
            Kind.CHANGED,
            entryId(row),
            Optional.of(row.seq()),
            "audit entry "
                + row.id()
                + " (sequence number "
                + row.seq()
                + ") was changed after it was appended: its content no longer matches its hash");
      }
      return null;
    }
  }
}
