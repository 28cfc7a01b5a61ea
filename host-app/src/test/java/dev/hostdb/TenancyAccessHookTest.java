package dev.hostdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.rule.AccessDecision;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services' writes reach the facade's access cache: a cached answer never outlives them. */
class TenancyAccessHookTest {
  @TempDir Path tempDir;

  @Test
  void tenancy_and_membership_writes_evict_cached_access_answers() {
    try (HostDatabase db = HostDatabase.create("sqlite:///" + tempDir + "/host.db")) {
      RequestContext ctx = RequestContext.system();
      User ann = db.users().create(User.create(db.newId(), Email.of("ann@example.com"), db.now()));
      User bob = db.users().create(User.create(db.newId(), Email.of("bob@example.com"), db.now()));
      db.plans().upsert(PricingPlan.create("pro", "Pro", db.now()), ctx);
      Tenant acme =
          db.tenancy()
              .createTenant("Acme", DatabaseUrl.parse("sqlite:///acme.db"), ann.id(), "pro", ctx);
      db.members().add(acme.id(), bob.id(), Role.MEMBER, ctx);
      assertThat(db.access().access(bob.id(), acme.id()).allowed()).isTrue();

      db.members().changeRole(acme.id(), bob.id(), Role.ADMIN, ctx);
      assertThat(db.access().access(bob.id(), acme.id()).role()).isEqualTo(Role.ADMIN);

      db.tenancy().suspend(acme.id(), ctx);
      assertThat(db.access().access(bob.id(), acme.id()).reason())
          .isEqualTo(AccessDecision.Reason.TENANT_SUSPENDED);

      db.tenancy().resume(acme.id(), ctx);
      db.members().deactivate(acme.id(), bob.id(), ctx);
      assertThat(db.access().access(bob.id(), acme.id()).reason())
          .isEqualTo(AccessDecision.Reason.MEMBERSHIP_INACTIVE);
    }
  }
}
