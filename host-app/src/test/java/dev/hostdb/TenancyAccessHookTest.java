package dev.hostdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenancyAccessHookTest {
  @TempDir Path tempDir;

  @Test
  void a_hook_plugged_in_after_opening_is_told_of_tenancy_writes_once_each_has_ended() {
    List<String> calls = new CopyOnWriteArrayList<>();
    try (HostDatabase db = HostDatabase.create("sqlite:///" + tempDir + "/host.db")) {
      User ann = db.users().create(User.create(db.newId(), Email.of("ann@example.com"), db.now()));
      db.plans().upsert(PricingPlan.create("pro", "Pro", db.now()), RequestContext.system());
      Tenant acme =
          db.tenancy()
              .createTenant(
                  "Acme",
                  DatabaseUrl.parse("sqlite:///acme.db"),
                  ann.id(),
                  "pro",
                  RequestContext.system());

      db.useAccessInvalidation(
          scope -> {
            calls.add("begin " + scope);
            return () -> calls.add("end " + scope + " active=" + isActive(db, acme));
          });
      db.tenancy().suspend(acme.id(), RequestContext.system());

      AccessScope scope = AccessScope.tenant(acme.id());
      assertThat(calls).containsExactly("begin " + scope, "end " + scope + " active=false");
    }
  }

  private static boolean isActive(HostDatabase db, Tenant tenant) {
    return db.tenants().findById(tenant.id()).orElseThrow().active();
  }
}
