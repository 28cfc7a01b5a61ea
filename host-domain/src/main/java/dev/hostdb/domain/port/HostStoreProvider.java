package dev.hostdb.domain.port;

import dev.hostdb.domain.DatabaseUrl;

/**
 * A persistence adapter, found with {@link java.util.ServiceLoader}: put its artifact on the class
 * path and HostDB opens the databases whose URLs are of its {@link #kind()}.
 */
public interface HostStoreProvider {
  /** The kind of database this adapter opens, as {@link DatabaseUrl#kind()} names it. */
  String kind();

  /**
   * Opens the database, bringing its schema up to date first.
   *
   * @throws dev.hostdb.domain.error.StorageUnavailableException when it cannot be reached or
   *     migrated
   * @throws dev.hostdb.domain.error.ConflictException when existing rows break a constraint the
   *     schema adds; the message names the constraint and nothing is changed
   */
  HostStore open(DatabaseUrl url, StoreSettings settings);
}
