package dev.hostdb.access;

import java.util.function.Supplier;

/**
 * Told of every write through HostDB that may change an access answer, so that no access check that
 * starts after the write's transaction commits sees the old answer.
 *
 * <p>Writers call {@link #begin} before the write and close the returned change once the write's
 * transaction has ended, committed or rolled back:
 *
 * <pre>{@code
 * AccessInvalidation.Change change = invalidation.begin(AccessScope.tenant(id));
 * try {
 *   return db.inTransaction(() -> ...);
 * } finally {
 *   change.close();
 * }
 * }</pre>
 *
 * <p>(A try-with-resources whose body never names {@code change} draws javac's {@code -Xlint:try}
 * warning, which fails the build; hence the explicit {@code finally}.)
 *
 * <p>When the write runs inside a longer transaction (the caller's own {@code
 * HostDatabase.inTransaction}), its transaction commits only when the outermost one does. {@code
 * HostDatabase.inTransaction} therefore runs its work through {@link #deferWithin}: a change closed
 * inside it takes effect when the outermost call ends, after its commit or rollback. Writers need
 * not know whether they run inside another transaction.
 */
public interface AccessInvalidation {
  /** Marks the scope as changing: answers for it are not served from a cache until it ends. */
  Change begin(AccessScope scope);

  /**
   * Runs {@code work}, which may be or join a transaction, so that every change closed inside it,
   * on this thread, takes effect only when the outermost such call ends (normally or by an
   * exception). Calls nest. An implementation without a cache just runs the work.
   */
  default <T> T deferWithin(Supplier<T> work) {
    return work.get();
  }

  /**
   * A change under way; closing it drops every cached answer of its scope. Closing it again does
   * nothing.
   */
  interface Change extends AutoCloseable {
    @Override
    void close();
  }

  /** An invalidation for a HostDB without a cache. */
  static AccessInvalidation none() {
    return scope -> () -> {};
  }
}
