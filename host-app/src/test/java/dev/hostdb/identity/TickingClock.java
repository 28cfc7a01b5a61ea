package dev.hostdb.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves one second forward each time it is read: audit entries sort in call order. */
final class TickingClock extends Clock {
  private final AtomicReference<Instant> next;

  TickingClock(Instant start) {
    this.next = new AtomicReference<>(start);
  }

  /** The instant that the next read returns. */
  Instant peek() {
    return next.get();
  }

  @Override
  public Instant instant() {
    return next.getAndUpdate(at -> at.plus(Duration.ofSeconds(1)));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
