package dev.hostdb.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private final User user = User.create(Id.random(), Email.of("ann@example.com"), T0);
  private final Tenant tenant =
      Tenant.create(Id.random(), "Acme", DatabaseUrl.sqliteFile("acme.db"), T0);
  private final Membership membership =
      Membership.create(Id.random(), user.id(), tenant.id(), Role.ADMIN, T0);

  @Test
  void allows_an_active_member_with_the_membership_role() {
    AccessDecision decision = AccessPolicy.decide(user, tenant, membership);

    assertThat(decision).isEqualTo(AccessDecision.allow(AccessDecision.Reason.MEMBER, Role.ADMIN));
    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void denies_a_missing_user() {
    AccessDecision decision = AccessPolicy.decide(null, tenant, membership);

    assertThat(decision).isEqualTo(AccessDecision.deny(AccessDecision.Reason.NO_SUCH_USER));
  }

  @Test
  void denies_an_inactive_user_even_with_an_active_membership() {
    AccessDecision decision = AccessPolicy.decide(user.withActive(false), tenant, membership);

    assertThat(decision.reason()).isEqualTo(AccessDecision.Reason.USER_INACTIVE);
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.role()).isNull();
  }

  @Test
  void denies_a_missing_tenant() {
    AccessDecision decision = AccessPolicy.decide(user, null, null);

    assertThat(decision.reason()).isEqualTo(AccessDecision.Reason.NO_SUCH_TENANT);
  }

  @Test
  void denies_a_suspended_tenant_to_its_members() {
    AccessDecision decision = AccessPolicy.decide(user, tenant.withActive(false), membership);

    assertThat(decision.reason()).isEqualTo(AccessDecision.Reason.TENANT_SUSPENDED);
    assertThat(decision.reason().description()).isEqualTo("tenant is suspended");
  }

  @Test
  void denies_a_suspended_tenant_even_to_a_system_admin() {
    AccessDecision decision =
        AccessPolicy.decide(user.withSysAdmin(true), tenant.withActive(false), null);

    assertThat(decision.reason()).isEqualTo(AccessDecision.Reason.TENANT_SUSPENDED);
  }

  @Test
  void lets_a_system_admin_without_membership_in_as_owner() {
    AccessDecision decision = AccessPolicy.decide(user.withSysAdmin(true), tenant, null);

    assertThat(decision)
        .isEqualTo(AccessDecision.allow(AccessDecision.Reason.SYSTEM_ADMIN, Role.OWNER));
  }

  @Test
  void lets_a_system_admin_with_an_inactive_membership_in_as_owner() {
    AccessDecision decision =
        AccessPolicy.decide(user.withSysAdmin(true), tenant, membership.withActive(false));

    assertThat(decision.reason()).isEqualTo(AccessDecision.Reason.SYSTEM_ADMIN);
    assertThat(decision.role()).isEqualTo(Role.OWNER);
  }

  @Test
  void gives_a_system_admin_who_is_a_member_the_membership_role() {
    AccessDecision decision = AccessPolicy.decide(user.withSysAdmin(true), tenant, membership);

    assertThat(decision.reason()).isEqualTo(AccessDecision.Reason.MEMBER);
    assertThat(decision.role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void denies_an_inactive_membership() {
    AccessDecision decision = AccessPolicy.decide(user, tenant, membership.withActive(false));

    assertThat(decision.reason()).isEqualTo(AccessDecision.Reason.MEMBERSHIP_INACTIVE);
  }

  @Test
  void denies_a_user_without_membership() {
    AccessDecision decision = AccessPolicy.decide(user, tenant, null);

    assertThat(decision.reason()).isEqualTo(AccessDecision.Reason.NO_MEMBERSHIP);
  }

  @Test
  void rejects_a_membership_of_another_user() {
    Membership others = Membership.create(Id.random(), Id.random(), tenant.id(), Role.OWNER, T0);

    assertThatThrownBy(() -> AccessPolicy.decide(user, tenant, others))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(others.id().value())
        .hasMessageContaining(user.id().value());
  }

  @Test
  void rejects_a_membership_in_another_tenant() {
    Membership elsewhere = Membership.create(Id.random(), user.id(), Id.random(), Role.OWNER, T0);

    assertThatThrownBy(() -> AccessPolicy.decide(user, tenant, elsewhere))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(tenant.id().value());
  }

  private static final Entitlement PAID =
      new Entitlement(true, Entitlement.Reason.ACTIVE, null, null);
  private static final Entitlement UNPAID =
      new Entitlement(false, Entitlement.Reason.NO_SUBSCRIPTION, null, null);

  @Test
  void allows_a_member_of_an_entitled_tenant() {
    assertThat(AccessPolicy.decide(user, tenant, membership, PAID))
        .isEqualTo(AccessDecision.allow(AccessDecision.Reason.MEMBER, Role.ADMIN));
  }

  @Test
  void denies_a_member_of_a_tenant_that_is_not_entitled() {
    assertThat(AccessPolicy.decide(user, tenant, membership, UNPAID))
        .isEqualTo(AccessDecision.deny(AccessDecision.Reason.NOT_ENTITLED));
  }

  @Test
  void lets_a_system_administrator_into_a_tenant_that_is_not_entitled() {
    assertThat(AccessPolicy.decide(user.withSysAdmin(true), tenant, membership, UNPAID))
        .isEqualTo(AccessDecision.allow(AccessDecision.Reason.SYSTEM_ADMIN, Role.OWNER));
    assertThat(AccessPolicy.decide(user.withSysAdmin(true), tenant, null, UNPAID))
        .isEqualTo(AccessDecision.allow(AccessDecision.Reason.SYSTEM_ADMIN, Role.OWNER));
  }

  @Test
  void tells_a_non_member_of_an_unpaid_tenant_that_they_are_not_a_member() {
    assertThat(AccessPolicy.decide(user, tenant, null, UNPAID).reason())
        .isEqualTo(AccessDecision.Reason.NO_MEMBERSHIP);
    assertThat(AccessPolicy.decide(user, tenant.withActive(false), membership, UNPAID).reason())
        .isEqualTo(AccessDecision.Reason.TENANT_SUSPENDED);
  }

  @Test
  void needs_no_entitlement_when_the_tenant_does_not_exist() {
    assertThat(AccessPolicy.decide(user, null, null, null).reason())
        .isEqualTo(AccessDecision.Reason.NO_SUCH_TENANT);
  }

  @Test
  void rejects_a_missing_entitlement_where_it_decides() {
    assertThatThrownBy(() -> AccessPolicy.decide(user, tenant, membership, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(tenant.id().value());
  }

  @Test
  void gives_every_reason_a_description() {
    for (AccessDecision.Reason reason : AccessDecision.Reason.values()) {
      assertThat(reason.description()).as(reason.name()).isNotBlank();
    }
  }

  @Test
  void refuses_a_decision_that_contradicts_its_reason() {
    assertThatThrownBy(() -> AccessDecision.allow(AccessDecision.Reason.NO_MEMBERSHIP, Role.OWNER))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> AccessDecision.allow(AccessDecision.Reason.MEMBER, null))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> AccessDecision.deny(AccessDecision.Reason.MEMBER))
        .isInstanceOf(InvalidInputException.class);
  }
}
