package dev.hostdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdTest {
  private static final String HEX = "0123456789abcdef0123456789abcdef";

  @Test
  void accepts_32_lower_case_hex_digits() {
    Id id = new Id(HEX);

    assertThat(id.value()).isEqualTo(HEX);
    assertThat(id).hasToString(HEX);
  }

  @Test
  void lowers_upper_case_digits_when_parsed() {
    Id id = Id.of(" " + HEX.toUpperCase() + " ");

    assertThat(id).isEqualTo(new Id(HEX));
  }

  @Test
  void makes_random_ids_of_the_stored_form() {
    Id id = Id.random();

    assertThat(id.value()).matches("[0-9a-f]{32}").isNotEqualTo(Id.random().value());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0",
        "0123456789abcdef0123456789abcdeg",
        "0123456789abcdef-0123456789abcde",
        "0123456789ABCDEF0123456789ABCDEF"
      })
  void rejects_anything_else_naming_the_field(String value) {
    assertThatThrownBy(() -> new Id(value))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("id"))
        .hasMessageStartingWith("id: ");
  }

  @Test
  void rejects_wrong_lengths_when_parsed() {
    assertThatThrownBy(() -> Id.of(HEX.substring(1))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Id.of(HEX + "a")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Id.of(null)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void orders_by_value() {
    Id low = new Id("0".repeat(32));
    Id high = new Id("f".repeat(32));

    assertThat(low).isLessThan(high);
    assertThat(Id.SYSTEM).isEqualTo(low);
  }
}
