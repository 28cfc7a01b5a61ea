package dev.hostdb.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.AuditVerification;
import dev.hostdb.domain.AuditVerification.Kind;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.rule.AuditChain.Row;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditChainTest {

  @Test
  void the_first_entry_links_to_sixty_four_zeros_and_gets_sequence_number_one() {
    Row first = row("a", "details").linkedAfter(0, AuditChain.GENESIS);

    assertThat(AuditChain.GENESIS).hasSize(64).matches("0+");
    assertThat(first.seq()).isEqualTo(1);
    assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(first.entryHash()).hasSize(64).matches("[0-9a-f]+");
    assertThat(AuditChain.hash(first)).isEqualTo(first.entryHash());
  }

  @Test
  void the_hash_is_sha256_over_length_prefixed_fields() throws Exception {
    Row first = row("a", null).linkedAfter(0, AuditChain.GENESIS);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
    for (String field :
        new String[] {
          first.id(),
          first.actorUserId(),
          "user.login",
          "target",
          null,
          "203.0.113.9",
          "2026-12-03T12:51:53.123456",
          AuditChain.GENESIS
        }) {
      if (field == null) {
        digest.update(new byte[] {-1, -1, -1, -1});
      } else {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
      }
    }

    assertThat(first.entryHash()).isEqualTo(HexFormat.of().formatHex(digest.digest()));
  }

  @Test
  void moving_text_between_fields_or_null_to_empty_changes_the_hash() {
    Row ab = new Row(1L, id(1), id(2), "ab", "c", null, null, "t", AuditChain.GENESIS, null);
    Row a = new Row(1L, id(1), id(2), "a", "bc", null, null, "t", AuditChain.GENESIS, null);
    Row empty = new Row(1L, id(1), id(2), "ab", "c", "", null, "t", AuditChain.GENESIS, null);

    assertThat(AuditChain.hash(ab)).isNotEqualTo(AuditChain.hash(a));
    assertThat(AuditChain.hash(ab)).isNotEqualTo(AuditChain.hash(empty));
  }

  @Test
  void refuses_to_hash_a_row_without_sequence_number() {
    assertThatThrownBy(() -> AuditChain.hash(row("a", null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("seq");
  }

  @Test
  void an_unbroken_chain_verifies() {
    AuditVerification result = verify(chain(5));

    assertThat(result.ok()).isTrue();
    assertThat(result.entriesChecked()).isEqualTo(5);
    assertThat(result.problem()).isEmpty();
  }

  @Test
  void a_changed_entry_is_named() {
    List<Row> rows = chain(5);
    Row third = rows.get(2);
    rows.set(
        2,
        new Row(
            third.seq(),
            third.id(),
            third.actorUserId(),
            third.eventType(),
            third.targetId(),
            "{\"forged\":true}",
            third.ipAddress(),
            third.createdAt(),
            third.prevHash(),
            third.entryHash()));

    AuditVerification result = verify(rows);

    assertThat(result.ok()).isFalse();
    AuditVerification.Problem problem = result.problem().orElseThrow();
    assertThat(problem.kind()).isEqualTo(Kind.CHANGED);
    assertThat(problem.entryId()).contains(Id.of(third.id()));
    assertThat(problem.seq()).contains(3L);
    assertThat(problem.message()).contains(third.id());
  }

  @Test
  void a_removed_entry_is_named_by_its_missing_sequence_number() {
    List<Row> rows = chain(5);
    rows.remove(1);

    AuditVerification.Problem problem = verify(rows).problem().orElseThrow();

    assertThat(problem.kind()).isEqualTo(Kind.REMOVED);
    assertThat(problem.seq()).contains(2L);
    assertThat(problem.entryId()).isEmpty();
    assertThat(problem.message()).contains("sequence number 2");
  }

  @Test
  void an_entry_with_a_forged_link_is_named_as_inserted() {
    List<Row> rows = chain(3);
    Row forged = row("b", null).linkedAfter(3, "f".repeat(64));
    rows.add(forged);

    AuditVerification.Problem problem = verify(rows).problem().orElseThrow();

    assertThat(problem.kind()).isEqualTo(Kind.INSERTED);
    assertThat(problem.entryId()).contains(Id.of(forged.id()));
    assertThat(problem.seq()).contains(4L);
  }

  @Test
  void a_row_without_sequence_number_is_inserted_out_of_band() {
    Row stray = row("c", null);
    AuditChain.Verifier verifier = new AuditChain.Verifier();
    chain(2).forEach(verifier::accept);

    verifier.fail(AuditChain.outOfBand(stray));

    AuditVerification.Problem problem = verifier.result().problem().orElseThrow();
    assertThat(problem.kind()).isEqualTo(Kind.INSERTED);
    assertThat(problem.entryId()).contains(Id.of(stray.id()));
    assertThat(problem.seq()).isEmpty();
    assertThat(verifier.result().entriesChecked()).isEqualTo(2);
  }

  @Test
  void the_verifier_stops_at_the_first_problem() {
    List<Row> rows = chain(4);
    rows.remove(1);
    rows.remove(1);
    AuditChain.Verifier verifier = new AuditChain.Verifier();

    List<Boolean> accepted = rows.stream().map(verifier::accept).toList();

    assertThat(accepted).containsExactly(true, false);
    assertThat(verifier.result().problem().orElseThrow().seq()).isEqualTo(Optional.of(2L));
  }

  private static AuditVerification verify(List<Row> rows) {
    AuditChain.Verifier verifier = new AuditChain.Verifier();
    for (Row row : rows) {
      if (!verifier.accept(row)) {
        break;
      }
    }
    return verifier.result();
  }

  private static List<Row> chain(int size) {
    List<Row> rows = new ArrayList<>();
    long seq = 0;
    String hash = AuditChain.GENESIS;
    for (int i = 0; i < size; i++) {
      Row row = row("e" + i, "{\"n\":" + i + "}").linkedAfter(seq, hash);
      rows.add(row);
      seq = row.seq();
      hash = row.entryHash();
    }
    return rows;
  }

  private static Row row(String seed, String details) {
    return Row.unchained(
        Id.random().value(),
        Id.random().value(),
        "user.login",
        "target",
        details,
        "203.0.113.9",
        "2026-12-03T12:51:53.123456");
  }

  private static String id(int n) {
    return String.format("%032d", n);
  }
}
