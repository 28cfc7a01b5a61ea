package dev.hostdb.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserTest {
  private static final String HASH = "pbkdf2_sha256$600000$salt$c2VjcmV0aGFzaA==";

  @Test
  void never_shows_the_password_hash() {
    User user =
        new User(
            Id.random(),
            Email.of("ann@example.com"),
            null,
            HASH,
            null,
            false,
            true,
            Instant.parse("2026-12-01T00:00:00Z"),
            null);

    String text = user.toString();

    assertThat(text).doesNotContain(HASH).doesNotContain("c2VjcmV0aGFzaA").contains("***");
    assertThat(text).contains("ann@example.com");
  }

  @Test
  void says_when_there_is_no_password_hash() {
    User user =
        User.create(
            Id.random(), Email.of("ann@example.com"), Instant.parse("2026-12-01T00:00:00Z"));

    assertThat(user.toString()).contains("passwordHash=none");
  }

  @Test
  void treats_a_blank_oauth_subject_as_none() {
    User user =
        User.create(Id.random(), Email.of("ann@example.com"), Instant.parse("2026-12-01T00:00:00Z"))
            .withOauthId("  ");

    assertThat(user.oauthId()).isNull();
  }
}
