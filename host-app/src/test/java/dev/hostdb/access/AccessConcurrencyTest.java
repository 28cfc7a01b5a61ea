package dev.hostdb.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostdb.HostConfig;
import dev.hostdb.HostDatabase;
import dev.hostdb.HostDatabase.Options;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4: while writers revoke and grant memberships, no access check that starts after a
 * revocation returned sees the revoked access, and none that starts after a grant returned misses
 * it.
 *
 * <p>Each writer owns one member, so the writes to one membership follow each other. One global
 * sequence orders events across threads: a writer takes a number when a write begins and when it
 * returns; a checker takes one before its check starts and one after it returns. A check must deny
 * when the member's last event before its start is a revocation's return and no grant began before
 * the check ended (and the other way round for grants); any other check overlaps a write and may
 * see either state. So that many checks fall between writes, a writer starts its next write only
 * once two checks of its member that started after its last write returned have ended. The cache's
 * time never moves, so only eviction can make an answer fresh.
 */
abstract class AccessConcurrencyTest {
  private static final int WRITERS = 8;
  private static final int CHECKERS = 8;
  private static final int WRITES_PER_WRITER = 40;
  private static final int CHECKS_AFTER_EACH_WRITE = 2;
  private static final int MOST_CHECKS_PER_CHECKER = 20_000;

  @TempDir Path dir;

  private final AtomicLong sequence = new AtomicLong();

  /**
   * Tells where this test's host database lives.
   *
   * @return the URL of an empty database of this test alone
   */
  abstract DatabaseUrl hostUrl();

  private enum Kind {
    REVOKE_BEGUN,
    REVOKED,
    GRANT_BEGUN,
    GRANTED
  }

  private record Event(long at, Kind kind) {}

  private record Check(int member, long startedAt, long endedAt, boolean allowed) {}

  /** The checks a writer waits for after a write that returned at {@code returnedAt}. */
  private record Wait(long returnedAt, CountDownLatch checks) {}

  private final List<AtomicReference<Wait>> waits = new ArrayList<>();
  private volatile boolean writing = true;

  @Test
  void no_check_that_starts_after_a_write_returned_sees_the_state_before_it() throws Exception {
    AccessCache.Settings frozen = AccessCache.Settings.defaults().withTicker(() -> 0L);
    try (HostDatabase db =
        HostDatabase.create(HostConfig.of(hostUrl()), Options.defaults().withAccessCache(frozen))) {
      Tenant acme =
          db.tenants()
              .create(
                  Tenant.create(db.newId(), "acme", DatabaseUrl.parse("sqlite:///a.db"), db.now()));
      db.subscriptions()
          .create(
              Subscription.trial(
                  db.newId(), acme.id(), "pro", db.now().plus(Duration.ofDays(14)), db.now()));
      User owner = db.users().create(User.create(db.newId(), Email.of("o@example.com"), db.now()));
      db.memberships()
          .create(Membership.create(db.newId(), owner.id(), acme.id(), Role.OWNER, db.now()));

      List<User> members = new ArrayList<>();
      List<Queue<Event>> events = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        User member =
            db.users()
                .create(User.create(db.newId(), Email.of("m" + i + "@example.com"), db.now()));
        db.memberships()
            .create(Membership.create(db.newId(), member.id(), acme.id(), Role.MEMBER, db.now()));
        members.add(member);
        Queue<Event> log = new ConcurrentLinkedQueue<>();
        log.add(new Event(sequence.incrementAndGet(), Kind.GRANTED));
        events.add(log);
        waits.add(new AtomicReference<>(new Wait(0, new CountDownLatch(0))));
      }

      Queue<Check> checks = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS + CHECKERS);
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        int member = i;
        running.add(
            pool.submit(
                () -> {
                  await(start);
                  toggle(db, members.get(member), acme, member, events.get(member));
                }));
      }
      for (int i = 0; i < CHECKERS; i++) {
        running.add(
            pool.submit(
                () -> {
                  await(start);
                  check(db, members, acme, checks);
                }));
      }

      start.countDown();
      try {
        for (Future<?> task : running.subList(0, WRITERS)) {
          task.get(2, TimeUnit.MINUTES);
        }
      } finally {
        writing = false;
      }
      for (Future<?> task : running) {
        task.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();

      List<String> stale = new ArrayList<>();
      int decided = 0;
      for (Check check : checks) {
        Boolean required = requiredAnswer(check, List.copyOf(events.get(check.member())));
        if (required != null) {
          decided++;
          if (required != check.allowed()) {
            stale.add(check + " must be " + (required ? "allowed" : "denied"));
          }
        }
      }
      assertThat(stale).isEmpty();
      assertThat(decided)
          .as("checks that did not overlap a write")
          .isGreaterThanOrEqualTo(WRITERS * (WRITES_PER_WRITER - 1) * CHECKS_AFTER_EACH_WRITE);
    }
  }

  /** Revokes and grants one member's membership in turn, logging when each begins and returns. */
  private void toggle(HostDatabase db, User member, Tenant acme, int index, Queue<Event> log) {
    for (int i = 0; i < WRITES_PER_WRITER; i++) {
      await(waits.get(index).get().checks());
      Membership current = db.memberships().find(member.id(), acme.id()).orElse(null);
      if (current != null && current.active()) {
        log.add(new Event(sequence.incrementAndGet(), Kind.REVOKE_BEGUN));
        if (i % 4 == 0) {
          db.memberships().delete(current.id());
        } else {
          db.memberships().update(current.withActive(false));
        }
        returned(index, log, Kind.REVOKED);
      } else {
        log.add(new Event(sequence.incrementAndGet(), Kind.GRANT_BEGUN));
        if (current == null) {
          db.inTransaction(
              () ->
                  db.memberships()
                      .create(
                          Membership.create(
                              db.newId(), member.id(), acme.id(), Role.MEMBER, db.now())));
        } else {
          db.memberships().update(current.withActive(true));
        }
        returned(index, log, Kind.GRANTED);
      }
    }
  }

  private void returned(int member, Queue<Event> log, Kind kind) {
    long at = sequence.incrementAndGet();
    log.add(new Event(at, kind));
    waits.get(member).set(new Wait(at, new CountDownLatch(CHECKS_AFTER_EACH_WRITE)));
  }

  private void check(HostDatabase db, List<User> members, Tenant acme, Queue<Check> checks) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < MOST_CHECKS_PER_CHECKER && writing; i++) {
      int member = random.nextInt(members.size());
      Id userId = members.get(member).id();
      Wait wait = waits.get(member).get();
      long startedAt = sequence.incrementAndGet();
      boolean allowed = db.access().access(userId, acme.id()).allowed();
      long endedAt = sequence.incrementAndGet();
      checks.add(new Check(member, startedAt, endedAt, allowed));
      if (startedAt > wait.returnedAt()) {
        wait.checks().countDown();
      }
    }
  }

  /**
   * The only answer the check may give, or null when it overlapped a write: the state left by the
   * member's last event before the check started, when that event is a write's return and no write
   * began before the check ended.
   */
  private static Boolean requiredAnswer(Check check, List<Event> log) {
    Event last = null;
    for (Event event : log) {
      if (event.at() < check.startedAt()) {
        last = event;
      } else if (event.at() < check.endedAt()) {
        return null; // a write began (or returned) while the check ran
      }
    }
    if (last == null || (last.kind() != Kind.REVOKED && last.kind() != Kind.GRANTED)) {
      return null; // a write was under way when the check started
    }
    return last.kind() == Kind.GRANTED;
  }

  private static void await(CountDownLatch start) {
    try {
      assertThat(start.await(1, TimeUnit.MINUTES)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
