package dev.hostdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

  @Test
  void normalises_case_and_surrounding_space() {
    Email email = Email.of(" Ann@Example.COM ");

    assertThat(email.value()).isEqualTo("ann@example.com");
    assertThat(email).hasToString("ann@example.com").isEqualTo(Email.of("ann@example.com"));
  }

  @Test
  void accepts_sub_domains_and_plus_addressing() {
    Email email = Email.of("ann.lee+billing@mail.example.co.uk");

    assertThat(email.value()).isEqualTo("ann.lee+billing@mail.example.co.uk");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "ann.example.com",
        "ann@example",
        "ann@@example.com",
        "ann@example..com",
        "a nn@example.com",
        "ann@exa mple.com",
        "@example.com"
      })
  void rejects_what_is_not_an_address_naming_the_field(String raw) {
    assertThatThrownBy(() -> Email.of(raw))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("email"))
        .hasMessageStartingWith("email: ");
  }

  @Test
  void accepts_254_characters_and_rejects_255() {
    String domain = "@example.com";
    String longest = "a".repeat(254 - domain.length()) + domain;

    Email email = Email.of(longest);

    assertThat(email.value()).hasSize(254);
    assertThatThrownBy(() -> Email.of("a" + longest))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("email")
        .hasMessageContaining("254");
  }

  @Test
  void rejects_a_denormalised_value_in_the_constructor() {
    assertThatThrownBy(() -> new Email("Ann@example.com"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Email.of");
  }
}
