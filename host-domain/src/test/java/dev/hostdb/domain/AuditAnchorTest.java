package dev.hostdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class AuditAnchorTest {
  private static final String HASH = "0123456789abcdef".repeat(4);

  @Test
  void reads_back_its_text_form() {
    AuditAnchor anchor = new AuditAnchor(10_000, HASH);

    assertThat(anchor.toString()).isEqualTo("10000:" + HASH);
    assertThat(AuditAnchor.parse(" 10000:" + HASH + "\n")).isEqualTo(anchor);
  }

  @Test
  void refuses_anything_else_naming_the_anchor() {
    for (String bad :
        new String[] {
          null,
          "",
          HASH,
          "0:" + HASH,
          "-1:" + HASH,
          "12:" + HASH.toUpperCase(),
          "12:" + HASH.substring(1),
          "12:" + HASH + "0",
          "12;" + HASH,
          "99999999999999999999:" + HASH
        }) {
      assertThatThrownBy(() -> AuditAnchor.parse(bad))
          .as(String.valueOf(bad))
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("anchor"));
    }
    assertThatThrownBy(() -> new AuditAnchor(0, HASH)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new AuditAnchor(1, null)).isInstanceOf(InvalidInputException.class);
  }
}
