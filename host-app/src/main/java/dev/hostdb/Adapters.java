package dev.hostdb;

import dev.hostdb.domain.error.StorageUnavailableException;
import dev.hostdb.domain.port.HostStoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the persistence adapter for a kind of database among those on the class path. */
final class Adapters {
  /** The artifact that provides each kind of database, named in the error when it is missing. */
  private static final Map<String, String> ARTIFACTS =
      Map.of(
          "sqlite", "dev.hostdb:host-persistence-sqlite",
          "postgresql", "dev.hostdb:host-persistence-jdbc");

  private Adapters() {}

  /** The adapter for {@code kind} among those that {@link ServiceLoader} finds. */
  static HostStoreProvider find(String kind) {
    List<HostStoreProvider> providers = new ArrayList<>();
    try {
      ServiceLoader.load(HostStoreProvider.class).forEach(providers::add);
    } catch (ServiceConfigurationError e) {
      throw new StorageUnavailableException(
          "find the adapter for "
              + kind
              + " databases: an adapter on the class path failed to load",
          e);
    }
    return find(kind, providers);
  }

  /**
   * The one adapter of {@code kind} among {@code providers}.
   *
   * @throws StorageUnavailableException when there is none, naming the artifact to add, or when
   *     there are several, naming them
   */
  static HostStoreProvider find(String kind, Iterable<HostStoreProvider> providers) {
    List<HostStoreProvider> matching = new ArrayList<>();
    for (HostStoreProvider provider : providers) {
      if (provider.kind().equals(kind)) {
        matching.add(provider);
      }
    }
    if (matching.isEmpty()) {
      String artifact = ARTIFACTS.get(kind);
      throw new StorageUnavailableException(
          "no adapter for "
              + kind
              + " databases on the class path; add the dependency "
              + (artifact == null ? "that provides the '" + kind + "' adapter" : artifact));
    }
    if (matching.size() > 1) {
      List<String> names = new ArrayList<>();
      matching.forEach(provider -> names.add(provider.getClass().getName()));
      throw new StorageUnavailableException(
          "several adapters for " + kind + " databases on the class path: " + names + "; keep one");
    }
    return matching.get(0);
  }
}
