package dev.hostdb.jdbc.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for what other threads or processes do, without timing anything. */
public final class Await {
  /** How long a condition may take before the test fails. */
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  private Await() {}

  /**
   * Returns once {@code condition} holds, checking it every 10 ms.
   *
   * @param what the awaited state, for the failure message
   * @throws AssertionError after {@link #PATIENCE}, or when interrupted
   */
  public static void until(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("gave up after " + PATIENCE + " waiting until " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
    }
  }
}
