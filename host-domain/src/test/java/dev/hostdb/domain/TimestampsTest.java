package dev.hostdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
  private static final Instant INSTANT = Instant.parse("2026-12-03T12:51:53.123456Z");

  @Test
  void reads_the_reference_form_as_utc() {
    Instant parsed = Timestamps.parse("created_at", "2026-12-03T12:51:53.123456");

    assertThat(parsed).isEqualTo(INSTANT);
  }

  @Test
  void reads_the_reference_form_without_fraction() {
    Instant parsed = Timestamps.parse("created_at", "2026-12-03T12:51:53");

    assertThat(parsed).isEqualTo(Instant.parse("2026-12-03T12:51:53Z"));
  }

  @Test
  void reads_a_space_instead_of_the_t() {
    Instant parsed = Timestamps.parse("created_at", "2026-12-03 12:51:53.123456");

    assertThat(parsed).isEqualTo(INSTANT);
  }

  @Test
  void honours_a_zulu_designator() {
    Instant parsed = Timestamps.parse("created_at", "2026-12-03T12:51:53.123456Z");

    assertThat(parsed).isEqualTo(INSTANT);
  }

  @Test
  void honours_an_offset() {
    Instant parsed = Timestamps.parse("created_at", "2026-12-03T14:51:53.123456+02:00");

    assertThat(parsed).isEqualTo(INSTANT);
  }

  @Test
  void keeps_null_as_null() {
    assertThat(Timestamps.parse("last_login", null)).isNull();
  }

  @Test
  void writes_exactly_the_reference_form_with_six_fraction_digits() {
    assertThat(Timestamps.format(INSTANT)).isEqualTo("2026-12-03T12:51:53.123456");
    assertThat(Timestamps.format(Instant.parse("2026-12-03T12:51:53Z")))
        .isEqualTo("2026-12-03T12:51:53.000000");
  }

  @Test
  void truncates_to_microseconds_when_writing() {
    Instant nanos = Instant.parse("2026-12-03T12:51:53.123456789Z");

    String text = Timestamps.format(nanos);

    assertThat(text).isEqualTo("2026-12-03T12:51:53.123456");
  }

  @Test
  void reads_back_what_it_writes() {
    String text = Timestamps.format(INSTANT);

    assertThat(Timestamps.parse("created_at", text)).isEqualTo(INSTANT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2026-13-03T12:51:53", "2026-12-03", "12:51:53"})
  void rejects_garbage_naming_the_column(String text) {
    assertThatThrownBy(() -> Timestamps.parse("trial_end", text))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("trial_end"))
        .hasMessageStartingWith("trial_end: ");
  }
}
