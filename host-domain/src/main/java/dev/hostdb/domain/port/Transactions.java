package dev.hostdb.domain.port;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every write in it commits together or not at all.
 *
 * <p>Calls nest: work started inside a transaction joins it. Any exception thrown by the work rolls
 * the whole transaction back and reaches the caller unchanged.
 */
public interface Transactions {
  /** Runs {@code work} in a transaction and returns its result after the commit. */
  <T> T inTransaction(Supplier<T> work);

  /** Runs {@code work} in a transaction. */
  default void inTransaction(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
