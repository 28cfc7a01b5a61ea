package dev.hostdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.rule.AccessDecision;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services' writes reach the access cache and the routes: no answer outlives them. */
abstract class TenancyAccessHookTest {
  @TempDir Path tempDir;

  /**
   * Tells where this test's host database lives.
   *
   * @return the URL of an empty database of this test alone
   */
  abstract DatabaseUrl hostUrl();

  @Test
  void tenancy_and_membership_writes_evict_cached_access_answers() {
    try (HostDatabase db = HostDatabase.create(HostConfig.of(hostUrl()))) {
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

  @Test
  void a_tenant_suspended_through_the_service_routes_nowhere_at_once() throws Exception {
    try (HostDatabase db = HostDatabase.create(HostConfig.of(hostUrl()))) {
      RequestContext ctx = RequestContext.system();
      User ann = db.users().create(User.create(db.newId(), Email.of("ann@example.com"), db.now()));
      db.plans().upsert(PricingPlan.create("pro", "Pro", db.now()), ctx);
      DatabaseUrl route = DatabaseUrl.sqliteFile(tempDir.resolve("acme.db").toString());
      Tenant acme = db.tenancy().createTenant("Acme", route, ann.id(), "pro", ctx);
      try (Connection connection =
          db.tenantDataSources().dataSourceFor(acme.id()).getConnection()) {
        assertThat(connection.isValid(1)).isTrue();
      }

      db.tenancy().suspend(acme.id(), ctx);

      assertThatThrownBy(() -> db.tenantDataSources().dataSourceFor(acme.id()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining(acme.id().value());
    }
  }
}
