package dev.hostdb.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

// Argon2 at the OWASP minimum costs tens of milliseconds a call: one hash serves every test here.
class Argon2PasswordHasherTest {
  private static final Argon2PasswordHasher OWASP = Argon2PasswordHasher.owaspMinimum();
  private static String hash;

  @BeforeAll
  static void hashOnce() {
    hash = OWASP.hash("correct horse".toCharArray());
  }

  @Test
  void verifies_the_password_it_hashed_and_nothing_else() {
    assertThat(OWASP.verify("correct horse".toCharArray(), hash)).isTrue();
    assertThat(OWASP.verify("correct horsE".toCharArray(), hash)).isFalse();
  }

  @Test
  void encodes_argon2id_at_the_owasp_minimum_with_a_16_byte_salt_and_32_byte_hash() {
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

    String[] parts = hash.split("\\$");
    assertThat(java.util.Base64.getDecoder().decode(parts[4])).hasSize(16);
    assertThat(java.util.Base64.getDecoder().decode(parts[5])).hasSize(32);
  }

  @Test
  void asks_for_a_rehash_only_when_the_parameters_differ_from_its_own() {
    String cheaper = Argon2PasswordHasher.withParameters(1024, 1, 1).hash("pw".toCharArray());
    String stronger = Argon2PasswordHasher.withParameters(1024, 3, 2).hash("pw".toCharArray());

    assertThat(OWASP.needsRehash(hash)).isFalse();
    assertThat(OWASP.needsRehash(cheaper)).isTrue();
    assertThat(OWASP.needsRehash(stronger)).isTrue();
    assertThat(OWASP.needsRehash("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"))
        .isTrue();
  }

  @Test
  void rejects_every_password_against_a_missing_or_foreign_hash() {
    assertThat(OWASP.verify("pw".toCharArray(), null)).isFalse();
    assertThat(OWASP.verify("pw".toCharArray(), "not a hash")).isFalse();
    assertThat(OWASP.verify("pw".toCharArray(), "$argon2id$v=19$m=19456,t=2,p=1$!!$!!")).isFalse();
  }
}
