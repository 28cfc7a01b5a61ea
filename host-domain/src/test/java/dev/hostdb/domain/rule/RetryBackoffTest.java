package dev.hostdb.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  private final RetryBackoff backoff =
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  @Test
  void the_ceiling_doubles_with_each_failed_attempt_up_to_the_cap() {
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(60));
    assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void the_delay_is_the_random_fraction_of_the_ceiling() {
    assertThat(backoff.delay(3, () -> 0.0)).isZero();
    assertThat(backoff.delay(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(3, () -> 0.999)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void rejects_bad_settings_and_arguments_naming_them() {
    assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("base"));
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cap"));
    assertThatThrownBy(() -> backoff.ceiling(0))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("attempt"));
    assertThatThrownBy(() -> backoff.delay(1, () -> 1.0))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("random"));
  }
}
