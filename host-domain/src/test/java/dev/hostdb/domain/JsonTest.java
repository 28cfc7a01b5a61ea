package dev.hostdb.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void escapes_quotes_backslashes_and_control_characters() {
    assertThat(Json.string("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  }

  @Test
  void keeps_other_characters_as_they_are() {
    assertThat(Json.string("sqlite:///ünï/app_host.db")).isEqualTo("\"sqlite:///ünï/app_host.db\"");
  }

  @Test
  void writes_null_for_no_text() {
    assertThat(Json.string(null)).isEqualTo("null");
  }

  @Test
  void writes_flat_objects_with_escaped_strings_and_without_null_values() {
    assertThat(Json.object("name", "A \"q\"\n", "gone", null, "b", "\\"))
        .isEqualTo("{\"name\":\"A \\\"q\\\"\\n\",\"b\":\"\\\\\"}");
  }
}
