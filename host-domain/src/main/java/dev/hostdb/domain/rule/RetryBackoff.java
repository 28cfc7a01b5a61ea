package dev.hostdb.domain.rule;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long a failed job waits before its next attempt: exponential backoff with full jitter.
 *
 * <p>Attempt {@code n} (from 1) that failed waits a uniformly random time between zero and {@code
 * min(cap, base × 2^(n-1))}. Full jitter spreads the retries of many jobs that failed together (a
 * database restart, say) instead of sending them back in one wave.
 *
 * @param base the ceiling of the first wait
 * @param cap the largest ceiling of any wait
 */
public record RetryBackoff(Duration base, Duration cap) {
  /** One second doubling up to one hour. */
  public static final RetryBackoff DEFAULT =
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofHours(1));

  public RetryBackoff {
    if (base == null || base.isNegative() || base.isZero()) {
      throw new InvalidInputException("base", "must be a positive duration but was " + base);
    }
    if (cap == null || cap.compareTo(base) < 0) {
      throw new InvalidInputException(
          "cap", "must be at least the base " + base + " but was " + cap);
    }
  }

  /** The largest wait after the given failed attempt (from 1). */
  public Duration ceiling(int failedAttempt) {
    if (failedAttempt < 1) {
      throw new InvalidInputException("attempt", "must be at least 1 but was " + failedAttempt);
    }
    int doublings = Math.min(failedAttempt - 1, 62);
    long baseNanos = base.toNanos();
    long capNanos = cap.toNanos();
    if (baseNanos > (capNanos >> doublings)) {
      return cap; // base × 2^doublings would pass the cap, or overflow
    }
    return Duration.ofNanos(baseNanos << doublings);
  }

  /**
   * The wait after the given failed attempt.
   *
   * @param random values in {@code [0, 1)}, such as {@code ThreadLocalRandom.current()::nextDouble}
   */
  public Duration delay(int failedAttempt, DoubleSupplier random) {
    double fraction = random.getAsDouble();
    if (!(fraction >= 0 && fraction < 1)) {
      throw new InvalidInputException("random", "must be in [0, 1) but was " + fraction);
    }
    return Duration.ofNanos((long) (ceiling(failedAttempt).toNanos() * fraction));
  }
}
