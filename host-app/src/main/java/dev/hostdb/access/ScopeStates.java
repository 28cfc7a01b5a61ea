package dev.hostdb.access;

import dev.hostdb.domain.Id;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Whether users (or tenants) are changing, and a generation that moves on with every change, kept
 * in a fixed number of stripes so that memory stays bounded however many ids are written. Ids that
 * share a stripe share its state: a change to one makes the cache pass over the others for a while,
 * which costs a database read and never a stale answer.
 *
 * <p>Each stripe is one {@code long}: the count of changes under way in the low {@value
 * #COUNT_BITS} bits, the generation above them. Beginning and ending a change each add one
 * generation, so one read tells both whether the stripe is changing and whether anything began or
 * ended since an earlier read.
 */
final class ScopeStates {
  private static final int COUNT_BITS = 24;
  private static final long GENERATION = 1L << COUNT_BITS;
  private static final long COUNT_MASK = GENERATION - 1;
  private static final int STRIPES = 8192;

  private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);

  /** The state of the id's stripe, to compare with a later read or test with {@link #changing}. */
  long state(Id id) {
    return stripes.get(stripe(id));
  }

  void begin(Id id) {
    stripes.addAndGet(stripe(id), GENERATION + 1);
  }

  void end(Id id) {
    stripes.addAndGet(stripe(id), GENERATION - 1);
  }

  static boolean changing(long state) {
    return (state & COUNT_MASK) != 0;
  }

  private static int stripe(Id id) {
    int h = id.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }
}
