package dev.hostdb.fake;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.HostStoreProvider;
import dev.hostdb.domain.port.StoreSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory adapter of kind {@value #KIND}, found through META-INF/services like a real one.
 * Data lives as long as the JVM, per URL, so reopening a URL sees what was written before.
 */
public final class FakeHostStoreProvider implements HostStoreProvider {
  /** The kind to select with {@code HostDatabase.Options.withAdapter}. */
  public static final String KIND = "fake";

  private static final Map<DatabaseUrl, FakeHostStore.Data> DATA = new ConcurrentHashMap<>();
  private static final Map<DatabaseUrl, AtomicInteger> OPENS = new ConcurrentHashMap<>();
  private static final Map<DatabaseUrl, AtomicInteger> OPEN_STORES = new ConcurrentHashMap<>();

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public HostStore open(DatabaseUrl url, StoreSettings settings) {
    OPENS.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
    pause(); // widens the window in which concurrent first opens could race
    AtomicInteger open = OPEN_STORES.computeIfAbsent(url, u -> new AtomicInteger());
    open.incrementAndGet();
    return new FakeHostStore(url, DATA.computeIfAbsent(url, u -> new FakeHostStore.Data()), open);
  }

  /** How many times {@link #open} was called for {@code url}. */
  public static int opens(DatabaseUrl url) {
    AtomicInteger count = OPENS.get(url);
    return count == null ? 0 : count.get();
  }

  /** How many stores for {@code url} are open and not yet closed. */
  public static int openStores(DatabaseUrl url) {
    AtomicInteger count = OPEN_STORES.get(url);
    return count == null ? 0 : count.get();
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
