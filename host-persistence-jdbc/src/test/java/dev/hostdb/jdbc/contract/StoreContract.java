package dev.hostdb.jdbc.contract;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.port.HostStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of every port's contract suite: each test gets a freshly opened, empty host database
 * from {@link #openStore()}, which each adapter implements once per suite.
 */
public abstract class StoreContract {
  /** A folder of the test's own, for adapters that keep databases in files. */
  @TempDir protected Path tempDir;

  /** The store under test, open for the length of one test. */
  protected HostStore store;

  /** A fixed instant with microseconds, as the host tables store them. */
  protected final Instant now = Instant.parse("2026-12-03T12:51:53.123456Z");

  /** Opens an empty, migrated host database. */
  protected abstract HostStore openStore();

  @BeforeEach
  final void openStoreForTest() {
    store = openStore();
  }

  @AfterEach
  final void closeStoreAfterTest() {
    if (store != null) {
      store.close();
    }
  }

  protected User newUser(String email) {
    return store.users().create(User.create(Id.random(), Email.of(email), now));
  }

  protected Tenant newTenant(String name) {
    return store
        .tenants()
        .create(
            Tenant.create(
                Id.random(), name, DatabaseUrl.parse("sqlite:///tenant_" + name + ".db"), now));
  }

  protected Membership addMember(User user, Tenant tenant, Role role) {
    return store
        .memberships()
        .create(Membership.create(Id.random(), user.id(), tenant.id(), role, now));
  }

  protected Instant later(long seconds) {
    return now.plus(seconds, ChronoUnit.SECONDS);
  }
}
