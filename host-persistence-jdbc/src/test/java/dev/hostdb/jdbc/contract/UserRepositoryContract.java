package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.DuplicateEmailException;
import dev.hostdb.domain.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every adapter's {@link dev.hostdb.domain.port.UserRepository} must do. */
public abstract class UserRepositoryContract extends StoreContract {

  @Test
  void creates_a_user_and_finds_it_by_id_email_and_oauth_id() {
    User user = User.create(Id.random(), Email.of("ann@example.com"), now).withOauthId("google_1");

    store.users().create(user);

    assertThat(store.users().findById(user.id())).contains(user);
    assertThat(store.users().findByEmail(Email.of("ann@example.com"))).contains(user);
    assertThat(store.users().findByOauthId("google_1")).contains(user);
    assertThat(store.users().count()).isEqualTo(1);
  }

  @Test
  void finds_nothing_for_unknown_keys() {
    assertThat(store.users().findById(Id.random())).isEmpty();
    assertThat(store.users().findByEmail(Email.of("nobody@example.com"))).isEmpty();
    assertThat(store.users().findByOauthId("nobody")).isEmpty();
  }

  @Test
  void finds_a_user_by_email_in_any_letter_case() {
    User user = newUser("ann@example.com");

    assertThat(store.users().findByEmail(Email.of("  ANN@Example.Com "))).contains(user);
  }

  @Test
  void keeps_every_field_and_microsecond_timestamps() {
    User user =
        new User(
            Id.random(),
            Email.of("bob@example.com"),
            "github_7",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
            "cus_123",
            true,
            false,
            now,
            later(60));

    store.users().create(user);

    assertThat(store.users().findById(user.id())).contains(user);
  }

  @Test
  void rejects_duplicate_email_in_any_case() {
    newUser("ann@example.com");

    assertThatThrownBy(() -> newUser("ANN@EXAMPLE.COM"))
        .isInstanceOf(DuplicateEmailException.class)
        .hasMessageContaining("ann@example.com")
        .hasMessageContaining("create user");
    assertThat(store.users().count()).isEqualTo(1);
  }

  @Test
  void rejects_a_taken_oauth_id_as_a_conflict_that_is_not_about_email() {
    store
        .users()
        .create(User.create(Id.random(), Email.of("a@example.com"), now).withOauthId("g1"));

    assertThatThrownBy(
            () ->
                store
                    .users()
                    .create(
                        User.create(Id.random(), Email.of("b@example.com"), now).withOauthId("g1")))
        .isInstanceOf(ConflictException.class)
        .isNotInstanceOf(DuplicateEmailException.class)
        .hasMessageContaining("g1");
  }

  @Test
  void rejects_a_taken_id() {
    User first = newUser("a@example.com");

    assertThatThrownBy(
            () -> store.users().create(User.create(first.id(), Email.of("b@example.com"), now)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(first.id().value());
  }

  @Test
  void updates_fields_and_refuses_another_users_email() {
    User ann = newUser("ann@example.com");
    newUser("bob@example.com");

    store.users().update(ann.withSysAdmin(true).withActive(false));

    assertThat(store.users().findById(ann.id()))
        .hasValueSatisfying(u -> assertThat(u.sysAdmin() && !u.active()).isTrue());
    User stolen =
        new User(ann.id(), Email.of("bob@example.com"), null, null, null, false, true, now, null);
    assertThatThrownBy(() -> store.users().update(stolen))
        .isInstanceOf(DuplicateEmailException.class);
  }

  @Test
  void update_and_login_of_an_unknown_user_are_not_found() {
    User ghost = User.create(Id.random(), Email.of("ghost@example.com"), now);

    assertThatThrownBy(() -> store.users().update(ghost))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.id().value());
    assertThatThrownBy(() -> store.users().recordLogin(ghost.id(), now))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void records_the_last_login() {
    User user = newUser("ann@example.com");

    store.users().recordLogin(user.id(), later(30));

    assertThat(store.users().findById(user.id()))
        .hasValueSatisfying(u -> assertThat(u.lastLogin()).isEqualTo(later(30)));
  }

  @Test
  void concurrent_creates_of_one_email_in_random_case_yield_exactly_one_user() throws Exception {
    int threads = 16;
    int attempts = 50;
    AtomicInteger created = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = t;
      futures.add(
          pool.submit(
              () -> {
                Random random = new Random(seed);
                start.await();
                for (int i = 0; i < attempts; i++) {
                  try {
                    store
                        .users()
                        .create(User.create(Id.random(), Email.of(randomCase(random)), now));
                    created.incrementAndGet();
                  } catch (DuplicateEmailException e) {
                    duplicates.incrementAndGet();
                  } catch (Throwable e) {
                    unexpected.add(e);
                  }
                }
                return null;
              }));
    }

    start.countDown();
    for (Future<?> future : futures) {
      future.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(unexpected).isEmpty();
    assertThat(created.get()).isEqualTo(1);
    assertThat(duplicates.get()).isEqualTo(threads * attempts - 1);
    assertThat(store.users().count()).isEqualTo(1);
  }

  private static String randomCase(Random random) {
    StringBuilder email = new StringBuilder();
    for (char c : "race.winner@example.com".toCharArray()) {
      email.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return email.toString().toLowerCase(Locale.ROOT).equals(email.toString())
        ? " " + email + " "
        : email.toString();
  }
}
