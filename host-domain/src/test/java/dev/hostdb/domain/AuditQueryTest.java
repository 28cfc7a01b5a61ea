package dev.hostdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditQueryTest {
  private static final Instant T = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void accepts_limits_from_one_to_a_thousand() {
    assertThat(AuditQuery.newestFirst(1).limit()).isEqualTo(1);
    assertThat(AuditQuery.newestFirst(1_000).limit()).isEqualTo(1_000);
  }

  @Test
  void refuses_a_limit_out_of_range_naming_it() {
    for (int limit : new int[] {0, -1, 1_001}) {
      assertThatThrownBy(() -> AuditQuery.newestFirst(limit))
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("limit"));
    }
  }

  @Test
  void combines_filters() {
    Id actor = Id.random();

    AuditQuery query =
        AuditQuery.newestFirst(10)
            .withActor(actor)
            .withTarget("t1")
            .withEventType("user.login")
            .withCreatedBetween(T, T.plusSeconds(1))
            .after("abc");

    assertThat(query)
        .isEqualTo(new AuditQuery(actor, "t1", "user.login", T, T.plusSeconds(1), 10, "abc"));
  }

  @Test
  void refuses_an_empty_time_range_naming_until() {
    assertThatThrownBy(() -> AuditQuery.newestFirst(10).withCreatedBetween(T, T))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("until:");
  }

  @Test
  void refuses_blank_filters_and_cursor_naming_them() {
    assertThatThrownBy(() -> AuditQuery.newestFirst(10).after(" "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("cursor:");
    assertThatThrownBy(() -> AuditQuery.newestFirst(10).withTarget(""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("target_id:");
    assertThatThrownBy(() -> AuditQuery.newestFirst(10).withEventType(null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("event_type:");
  }
}
