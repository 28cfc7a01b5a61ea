package dev.hostdb.jdbc.routing;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.error.InvalidInputException;
import java.util.Optional;

/**
 * The tenant that the current thread works for, which {@link TenantRoutingDataSource} routes to.
 *
 * <pre>{@code
 * TenantContext.run(acmeId, () -> orders.save(order)); // every connection goes to Acme's database
 * }</pre>
 *
 * <p>The tenant is set for the duration of the work only, on the calling thread only, and the
 * previous one is restored afterwards, also when the work throws; calls nest. Work handed to other
 * threads does not inherit it.
 */
public final class TenantContext {
  private static final ThreadLocal<Id> CURRENT = new ThreadLocal<>();

  private TenantContext() {}

  /**
   * Runs {@code work} with {@code tenantId} current.
   *
   * @throws InvalidInputException when the tenant id or the work is missing
   */
  public static void run(Id tenantId, Runnable work) {
    if (work == null) {
      throw new InvalidInputException("work", "work to run is required");
    }
    call(
        tenantId,
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * Work that returns a result and may throw a checked exception, such as {@link
   * java.sql.SQLException}, which {@link #call} passes on unchanged.
   *
   * @param <T> the result
   * @param <E> what it may throw
   */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    /** Does the work. */
    T run() throws E;
  }

  /**
   * Runs {@code work} with {@code tenantId} current and returns its result; what it throws reaches
   * the caller unchanged.
   *
   * @throws InvalidInputException when the tenant id or the work is missing
   */
  public static <T, E extends Exception> T call(Id tenantId, Work<T, E> work) throws E {
    if (tenantId == null) {
      throw new InvalidInputException("tenantId", "a tenant id is required");
    }
    if (work == null) {
      throw new InvalidInputException("work", "work to run is required");
    }
    Id previous = CURRENT.get();
    CURRENT.set(tenantId);
    try {
      return work.run();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The tenant the current thread works for, if any. */
  public static Optional<Id> current() {
    return Optional.ofNullable(CURRENT.get());
  }
}
