package dev.hostdb.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.HostConfig;
import dev.hostdb.HostDatabase;
import dev.hostdb.HostDatabase.Options;
import dev.hostdb.access.AccessInvalidation;
import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.DuplicateEmailException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.PasswordHasher;
import dev.hostdb.identity.LoginResult.DenialReason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identity on a real host database, one subclass per database. */
abstract class IdentityTest {
  // cheap parameters keep the suite fast; the OWASP ones are tested in Argon2PasswordHasherTest
  private static final PasswordHasher CHEAP = Argon2PasswordHasher.withParameters(1024, 1, 1);
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00.123456Z");
  private static final Email ANN = Email.of("ann@example.com");
  private static final RequestContext FROM_HOME = RequestContext.of(null, "203.0.113.7");

  @TempDir Path dir;

  private final TickingClock clock = new TickingClock(NOW);
  private HostDatabase db;
  private CountingPasswordHasher hasher;
  private Identity identity;

  /**
   * Tells where this test's host database lives.
   *
   * @return the URL of an empty database of this test alone
   */
  abstract DatabaseUrl hostUrl();

  @BeforeEach
  void open() {
    db = HostDatabase.create(HostConfig.of(hostUrl()), Options.defaults().withClock(clock));
    hasher = new CountingPasswordHasher(CHEAP);
    identity = identity(hasher, AccessInvalidation.none());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Identity identity(PasswordHasher with, AccessInvalidation invalidation) {
    return new Identity(
        db.users(), db.auditLog(), db.transactions(), db.clock(), db.ids(), with, invalidation);
  }

  private static char[] pw(String text) {
    return text.toCharArray();
  }

  private User registerAnn() {
    return identity.register(ANN, null, pw("s3cret pass"), FROM_HOME);
  }

  private AuditEntry lastAudit() {
    return db.auditLog().recent(1).get(0);
  }

  @Test
  void registers_by_email_with_a_password_and_records_it() {
    User ann = registerAnn();

    assertThat(identity.findByEmail(Email.of("ANN@example.com"))).contains(ann);
    assertThat(ann.passwordHash()).startsWith("$argon2id$");
    assertThat(ann.active()).isTrue();
    AuditEntry entry = lastAudit();
    assertThat(entry.eventType()).isEqualTo("user.registered");
    assertThat(entry.actorUserId()).isEqualTo(ann.id());
    assertThat(entry.targetId()).isEqualTo(ann.id().value());
    assertThat(entry.ipAddress()).isEqualTo("203.0.113.7");
    assertThat(entry.details()).isEqualTo("{\"email\":\"ann@example.com\",\"password\":\"set\"}");
  }

  @Test
  void registers_by_oauth_id_with_the_providers_email_and_signs_in_through_the_provider() {
    User bob =
        identity.register(Email.of("bob@example.com"), "google|42", null, RequestContext.system());

    assertThat(bob.passwordHash()).isNull();
    assertThat(identity.findByOauthId("google|42")).contains(bob);
    assertThat(lastAudit().actorUserId()).isEqualTo(Id.SYSTEM);
    Instant loginAt = clock.peek();
    LoginResult result = identity.loginWithOauth("google|42", FROM_HOME);
    assertThat(result.authenticated()).isTrue();
    assertThat(result.user().orElseThrow().lastLogin()).isEqualTo(loginAt);
    assertThat(identity.login(bob.email(), pw("guess"), FROM_HOME).denial())
        .contains(DenialReason.NO_PASSWORD);
  }

  @Test
  void registers_by_email_and_oauth_id_at_once_and_either_way_signs_in() {
    User cat =
        identity.register(Email.of("cat@example.com"), "github|7", pw("meow meow"), FROM_HOME);

    assertThat(identity.login(cat.email(), pw("meow meow"), FROM_HOME).authenticated()).isTrue();
    assertThat(identity.loginWithOauth("github|7", FROM_HOME).authenticated()).isTrue();
  }

  @Test
  void rejects_a_duplicate_email_in_any_case_and_audits_nothing_for_it() {
    registerAnn();
    long entries = db.auditLog().count();

    assertThatThrownBy(() -> identity.register(Email.of("Ann@Example.COM"), null, null, FROM_HOME))
        .isInstanceOf(DuplicateEmailException.class);
    assertThat(db.auditLog().count()).isEqualTo(entries);
    assertThat(db.users().count()).isEqualTo(1);
  }

  @Test
  void rejects_a_duplicate_oauth_id_as_a_conflict() {
    identity.register(ANN, "google|42", null, FROM_HOME);

    assertThatThrownBy(
            () -> identity.register(Email.of("other@example.com"), "google|42", null, FROM_HOME))
        .isInstanceOf(ConflictException.class)
        .isNotInstanceOf(DuplicateEmailException.class);
    assertThat(db.auditLog().count()).isEqualTo(1);
  }

  @Test
  void a_registration_rolled_back_with_its_caller_leaves_neither_user_nor_audit_entry() {
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> {
                      registerAnn();
                      throw new IllegalStateException("the caller's next step failed");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(db.users().count()).isZero();
    assertThat(db.auditLog().count()).isZero();
  }

  @Test
  void login_with_the_right_password_records_last_login_and_an_audit_entry() {
    User ann = registerAnn();
    Instant loginAt = clock.peek();

    LoginResult result = identity.login(ANN, pw("s3cret pass"), FROM_HOME);

    assertThat(result.authenticated()).isTrue();
    assertThat(result.user().orElseThrow().lastLogin()).isEqualTo(loginAt);
    assertThat(db.users().findById(ann.id()).orElseThrow().lastLogin()).isEqualTo(loginAt);
    AuditEntry entry = lastAudit();
    assertThat(entry.eventType()).isEqualTo("user.login");
    assertThat(entry.actorUserId()).isEqualTo(ann.id());
    assertThat(entry.ipAddress()).isEqualTo("203.0.113.7");
    assertThat(entry.details()).isEqualTo("{\"method\":\"password\"}");
  }

  @Test
  void wrong_password_unknown_email_and_inactive_user_are_all_denied_and_audited() {
    User ann = registerAnn();
    identity.register(Email.of("dan@example.com"), null, pw("dan's pass"), FROM_HOME);
    User dan = identity.findByEmail(Email.of("dan@example.com")).orElseThrow();
    identity.deactivate(dan.id(), RequestContext.system());

    LoginResult wrong = identity.login(ANN, pw("not it"), FROM_HOME);
    AuditEntry wrongEntry = lastAudit();
    LoginResult unknown = identity.login(Email.of("eve@example.com"), pw("x"), FROM_HOME);
    AuditEntry unknownEntry = lastAudit();
    LoginResult inactive = identity.login(dan.email(), pw("dan's pass"), FROM_HOME);

    assertThat(wrong.denial()).contains(DenialReason.WRONG_PASSWORD);
    assertThat(unknown.denial()).contains(DenialReason.UNKNOWN_EMAIL);
    assertThat(inactive.denial()).contains(DenialReason.USER_INACTIVE);
    assertThat(List.of(wrong, unknown, inactive)).allMatch(r -> r.user().isEmpty());
    assertThat(wrongEntry.eventType()).isEqualTo("user.login_failed");
    assertThat(wrongEntry.targetId()).isEqualTo(ann.id().value());
    assertThat(unknownEntry.targetId()).isNull();
    assertThat(unknownEntry.actorUserId()).isEqualTo(Id.SYSTEM);
    assertThat(unknownEntry.details())
        .isEqualTo(
            "{\"method\":\"password\",\"email\":\"eve@example.com\",\"reason\":\"unknown_email\"}");
    assertThat(lastAudit().details()).contains("\"reason\":\"user_inactive\"");
    assertThat(db.users().findById(ann.id()).orElseThrow().lastLogin()).isNull();
  }

  @Test
  void an_unknown_email_runs_the_hasher_as_often_as_a_wrong_password() {
    registerAnn();
    identity.register(Email.of("oauth@example.com"), "google|1", null, FROM_HOME);

    int before = hasher.verifications();
    identity.login(ANN, pw("not it"), FROM_HOME);
    int forWrongPassword = hasher.verifications() - before;
    before = hasher.verifications();
    identity.login(Email.of("nobody@example.com"), pw("not it"), FROM_HOME);
    int forUnknownEmail = hasher.verifications() - before;
    before = hasher.verifications();
    identity.login(Email.of("oauth@example.com"), pw("not it"), FROM_HOME);
    int forNoPassword = hasher.verifications() - before;

    assertThat(forWrongPassword).isEqualTo(1);
    assertThat(forUnknownEmail).isEqualTo(forWrongPassword);
    assertThat(forNoPassword).isEqualTo(forWrongPassword);
  }

  @Test
  void a_login_rehashes_a_password_hashed_with_other_parameters() {
    User ann = registerAnn();
    String oldHash = ann.passwordHash();
    CountingPasswordHasher standard =
        new CountingPasswordHasher(Argon2PasswordHasher.owaspMinimum());
    Identity upgraded = identity(standard, AccessInvalidation.none());

    LoginResult first = upgraded.login(ANN, pw("s3cret pass"), FROM_HOME);
    LoginResult second = upgraded.login(ANN, pw("s3cret pass"), FROM_HOME);

    String newHash = db.users().findById(ann.id()).orElseThrow().passwordHash();
    assertThat(first.authenticated()).isTrue();
    assertThat(second.authenticated()).isTrue();
    assertThat(newHash).isNotEqualTo(oldHash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(first.user().orElseThrow().passwordHash()).isEqualTo(newHash);
    // one for the dummy hash, one for the rehash; the second login found nothing to upgrade
    assertThat(standard.hashes()).isEqualTo(2);
    assertThat(db.auditLog().forTarget(ann.id().value(), 10))
        .extracting(AuditEntry::details)
        .containsExactly(
            "{\"method\":\"password\"}",
            "{\"method\":\"password\",\"rehashed\":\"true\"}",
            "{\"email\":\"ann@example.com\",\"password\":\"set\"}");
  }

  @Test
  void set_password_replaces_the_old_one_and_is_audited() {
    User ann = registerAnn();
    Id admin = Id.random();

    identity.setPassword(ann.id(), pw("brand new one"), RequestContext.of(admin, "198.51.100.1"));

    assertThat(identity.login(ANN, pw("s3cret pass"), FROM_HOME).authenticated()).isFalse();
    assertThat(identity.login(ANN, pw("brand new one"), FROM_HOME).authenticated()).isTrue();
    AuditEntry changed =
        db.auditLog().forTarget(ann.id().value(), 10).stream()
            .filter(e -> e.eventType().equals("user.password_changed"))
            .findFirst()
            .orElseThrow();
    assertThat(changed.actorUserId()).isEqualTo(admin);
    assertThat(changed.ipAddress()).isEqualTo("198.51.100.1");
  }

  @Test
  void set_password_of_an_unknown_user_or_to_nothing_fails_and_audits_nothing() {
    assertThatThrownBy(() -> identity.setPassword(Id.random(), pw("whatever"), FROM_HOME))
        .isInstanceOf(NotFoundException.class);
    User ann = registerAnn();
    assertThatThrownBy(() -> identity.setPassword(ann.id(), pw(""), FROM_HOME))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("password: must not be empty");

    assertThat(db.auditLog().count()).isEqualTo(1);
  }

  @Test
  void deactivate_and_activate_invalidate_the_users_access_after_the_commit() {
    User ann = registerAnn();
    List<String> seen = new ArrayList<>();
    AccessInvalidation recording =
        scope -> {
          seen.add("begin " + scope);
          return () ->
              seen.add("end, active=" + db.users().findById(ann.id()).orElseThrow().active());
        };
    Identity watched = identity(hasher, recording);

    User off = watched.deactivate(ann.id(), RequestContext.system());
    User on = watched.activate(ann.id(), RequestContext.system());

    assertThat(off.active()).isFalse();
    assertThat(on.active()).isTrue();
    String scope = AccessScope.user(ann.id()).toString();
    assertThat(seen)
        .containsExactly(
            "begin " + scope, "end, active=false", "begin " + scope, "end, active=true");
    assertThat(db.auditLog().forTarget(ann.id().value(), 10))
        .extracting(AuditEntry::eventType, AuditEntry::actorUserId)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("user.activated", Id.SYSTEM),
            org.assertj.core.groups.Tuple.tuple("user.deactivated", Id.SYSTEM));
  }

  @Test
  void deactivating_an_inactive_user_changes_and_records_nothing() {
    User ann = registerAnn();
    identity.deactivate(ann.id(), FROM_HOME);
    long entries = db.auditLog().count();

    identity.deactivate(ann.id(), FROM_HOME);

    assertThat(db.auditLog().count()).isEqualTo(entries);
    assertThatThrownBy(() -> identity.activate(Id.random(), FROM_HOME))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("activate user");
  }

  @Test
  void a_deactivated_user_cannot_sign_in_through_the_provider_either() {
    User bob = identity.register(Email.of("bob@example.com"), "google|42", null, FROM_HOME);
    identity.deactivate(bob.id(), FROM_HOME);

    assertThat(identity.loginWithOauth("google|42", FROM_HOME).denial())
        .contains(DenialReason.USER_INACTIVE);
    assertThat(identity.loginWithOauth("google|43", FROM_HOME).denial())
        .contains(DenialReason.UNKNOWN_OAUTH_ID);
  }

  @Test
  void passwords_are_wiped_whatever_the_outcome() {
    char[] registered = pw("s3cret pass");
    char[] right = pw("s3cret pass");
    char[] wrong = pw("not it");
    char[] duplicate = pw("another");

    identity.register(ANN, null, registered, FROM_HOME);
    identity.login(ANN, right, FROM_HOME);
    identity.login(ANN, wrong, FROM_HOME);
    assertThatThrownBy(() -> identity.register(ANN, null, duplicate, FROM_HOME))
        .isInstanceOf(DuplicateEmailException.class);

    for (char[] password : List.of(registered, right, wrong, duplicate)) {
      assertThat(password).containsOnly('\0');
    }
  }

  @Test
  void the_facade_offers_one_identity_service_at_the_owasp_minimum() {
    Identity facade = db.identity();

    User ann = facade.register(ANN, null, pw("s3cret pass"), FROM_HOME);

    assertThat(db.identity()).isSameAs(facade);
    assertThat(ann.passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(facade.login(ANN, pw("s3cret pass"), FROM_HOME).authenticated()).isTrue();
  }
}
