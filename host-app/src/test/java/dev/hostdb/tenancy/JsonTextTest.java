package dev.hostdb.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void accepts_objects_and_arrays_of_every_kind_of_value() {
    for (String good :
        new String[] {
          "{}", "[]", " { \"a\" : [1, -0.5, 2E+3, true, false, null, \"\\u00e9\\n\"] } ", "[[[]]]"
        }) {
      assertThatCode(() -> JsonText.requireObjectOrArray("meta", good))
          .as(good)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void refuses_scalars_trailing_text_bad_numbers_and_bad_escapes() {
    for (String bad :
        new String[] {
          "", "null", "\"a\"", "{}x", "[01]", "[1.]", "[\"\\q\"]", "[tru]", "{\"a\"}"
        }) {
      assertThatThrownBy(() -> JsonText.requireObjectOrArray("meta", bad))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("meta: is not valid JSON");
    }
  }

  @Test
  void refuses_nesting_deep_enough_to_exhaust_the_stack() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);

    assertThatThrownBy(() -> JsonText.requireObjectOrArray("meta", deep))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nesting");
  }

  @Test
  void reads_an_array_of_strings_with_escapes() {
    assertThat(JsonText.stringArray("f", " [ \"a\\\"b\" , \"c\\u0041\" ] "))
        .containsExactly("a\"b", "cA");
    assertThat(JsonText.stringArray("f", "[]")).isEmpty();
  }
}
