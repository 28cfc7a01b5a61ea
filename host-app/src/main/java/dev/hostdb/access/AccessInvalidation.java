package dev.hostdb.access;

/**
 * Told of every write through HostDB that may change an access answer, so that no access check that
 * starts after the write's transaction commits sees the old answer.
 *
 * <p>Writers call {@link #begin} before the write and close the returned change once the write's
 * transaction has ended, committed or rolled back:
 *
 * <pre>{@code
 * try (AccessInvalidation.Change change = invalidation.begin(AccessScope.tenant(id))) {
 *   return db.inTransaction(() -> ...);
 * }
 * }</pre>
 */
public interface AccessInvalidation {
  /** Marks the scope as changing: answers for it are not served from a cache until it ends. */
  Change begin(AccessScope scope);

  /** A change under way; closing it drops every cached answer of its scope. */
  interface Change extends AutoCloseable {
    @Override
    void close();
  }

  /** An invalidation for a HostDB without a cache. */
  static AccessInvalidation none() {
    return scope -> () -> {};
  }
}
