package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.AccessFacts;
import dev.hostdb.domain.Cents;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.PaymentType;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SubscriptionStatus;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.TenantAccess;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every adapter's {@link dev.hostdb.domain.port.MembershipRepository} must do. */
public abstract class MembershipRepositoryContract extends StoreContract {

  @Test
  void creates_and_lists_memberships_by_tenant_and_by_user() {
    User ann = newUser("ann@example.com");
    User bob = newUser("bob@example.com");
    Tenant acme = newTenant("acme");
    Tenant beta = newTenant("beta");
    Membership owner = addMember(ann, acme, Role.OWNER);
    Membership member = addMember(bob, acme, Role.MEMBER);
    Membership other = addMember(ann, beta, Role.ADMIN);

    assertThat(store.memberships().listByTenant(acme.id()))
        .containsExactlyInAnyOrder(owner, member);
    assertThat(store.memberships().listByUser(ann.id())).containsExactlyInAnyOrder(owner, other);
    assertThat(store.memberships().find(bob.id(), acme.id())).contains(member);
    assertThat(store.memberships().findById(other.id())).contains(other);
    assertThat(store.memberships().count()).isEqualTo(3);
  }

  @Test
  void lists_the_tenants_a_user_may_enter_with_role_and_route() {
    User ann = newUser("ann@example.com");
    Tenant beta = newTenant("beta");
    Tenant acme = newTenant("acme");
    Tenant suspended = newTenant("suspended");
    Tenant left = newTenant("left");
    Membership inBeta = addMember(ann, beta, Role.MEMBER);
    Membership inAcme = addMember(ann, acme, Role.OWNER);
    addMember(ann, suspended, Role.ADMIN);
    store.tenants().update(suspended.withActive(false));
    Membership gone = addMember(ann, left, Role.MEMBER);
    addMember(newUser("owner@example.com"), left, Role.OWNER);
    store.memberships().update(gone.withActive(false));

    assertThat(store.memberships().enterableTenants(ann.id()))
        .containsExactly(
            new TenantAccess(acme, Role.OWNER, inAcme.id()),
            new TenantAccess(beta, Role.MEMBER, inBeta.id()));

    store.users().update(ann.withActive(false));
    assertThat(store.memberships().enterableTenants(ann.id())).isEmpty();
  }

  @Test
  void reads_the_user_tenant_membership_and_every_subscription_behind_an_access_decision() {
    User ann = store.users().update(newUser("ann@example.com").withSysAdmin(true));
    Tenant acme = newTenant("acme");
    Membership owner = addMember(ann, acme, Role.OWNER);
    Subscription trial = Subscription.trial(Id.random(), acme.id(), "starter", later(60), now);
    Subscription paid =
        new Subscription(
            Id.random(),
            acme.id(),
            "sub_1",
            "cus_1",
            "pro",
            SubscriptionStatus.PAST_DUE,
            later(3600),
            true,
            PaymentType.ONE_TIME,
            new Cents(4999),
            "Pro lifetime",
            later(60),
            later(1));
    store.subscriptions().create(trial);
    store.subscriptions().create(paid);
    store
        .subscriptions()
        .create(Subscription.trial(Id.random(), newTenant("beta").id(), "x", now, now));

    AccessFacts facts = store.memberships().accessFacts(ann.id(), acme.id());

    assertThat(facts.user().id()).isEqualTo(ann.id());
    assertThat(facts.user().sysAdmin()).isTrue();
    assertThat(facts.user().email()).isEqualTo(ann.email());
    assertThat(facts.tenant()).isEqualTo(acme);
    assertThat(facts.membership()).isEqualTo(owner);
    assertThat(facts.subscriptions()).containsExactlyInAnyOrder(trial, paid);
  }

  @Test
  void reads_no_password_hash_for_an_access_decision() {
    User ann =
        store
            .users()
            .create(
                new User(
                    Id.random(),
                    dev.hostdb.domain.Email.of("ann@example.com"),
                    null,
                    "$argon2id$v=19$hash",
                    null,
                    false,
                    true,
                    now,
                    null));

    assertThat(store.memberships().accessFacts(ann.id(), Id.random()).user().passwordHash())
        .isNull();
  }

  @Test
  void reads_missing_users_tenants_and_memberships_as_null() {
    User ann = newUser("ann@example.com");
    Tenant acme = newTenant("acme");

    AccessFacts noMembership = store.memberships().accessFacts(ann.id(), acme.id());
    AccessFacts noUser = store.memberships().accessFacts(Id.random(), acme.id());
    AccessFacts noTenant = store.memberships().accessFacts(ann.id(), Id.random());

    assertThat(noMembership).isEqualTo(new AccessFacts(ann, acme, null, List.of()));
    assertThat(noUser).isEqualTo(new AccessFacts(null, acme, null, List.of()));
    assertThat(noTenant).isEqualTo(new AccessFacts(ann, null, null, List.of()));
  }

  @Test
  void reads_an_inactive_membership_for_an_access_decision() {
    User ann = newUser("ann@example.com");
    Tenant acme = newTenant("acme");
    addMember(newUser("owner@example.com"), acme, Role.OWNER);
    Membership left =
        store.memberships().update(addMember(ann, acme, Role.MEMBER).withActive(false));

    assertThat(store.memberships().accessFacts(ann.id(), acme.id()).membership()).isEqualTo(left);
  }

  @Test
  void keeps_profile_id_and_meta_attributes_as_given() {
    User ann = newUser("ann@example.com");
    Tenant acme = newTenant("acme");
    Membership given =
        new Membership(
            Id.random(),
            ann.id(),
            acme.id(),
            "profile-42",
            "{\"team\": \"ops\"}",
            Role.ADMIN,
            true,
            now);

    store.memberships().create(given);

    assertThat(store.memberships().findById(given.id())).contains(given);
  }

  @Test
  void rejects_a_second_membership_of_the_same_user_in_a_tenant() {
    User ann = newUser("ann@example.com");
    Tenant acme = newTenant("acme");
    addMember(ann, acme, Role.OWNER);

    assertThatThrownBy(() -> addMember(ann, acme, Role.MEMBER))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(ann.id().value())
        .hasMessageContaining(acme.id().value());
  }

  @Test
  void refuses_a_membership_of_an_unknown_user_or_tenant() {
    User ann = newUser("ann@example.com");
    Tenant acme = newTenant("acme");
    Id ghost = Id.random();

    assertThatThrownBy(
            () ->
                store
                    .memberships()
                    .create(Membership.create(Id.random(), ghost, acme.id(), Role.MEMBER, now)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());
    assertThatThrownBy(
            () ->
                store
                    .memberships()
                    .create(Membership.create(Id.random(), ann.id(), ghost, Role.MEMBER, now)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());
    assertThat(store.memberships().count()).isZero();
  }

  @Test
  void the_last_active_owner_cannot_be_demoted_deactivated_or_removed() {
    User ann = newUser("ann@example.com");
    Tenant acme = newTenant("acme");
    Membership owner = addMember(ann, acme, Role.OWNER);

    assertThatThrownBy(() -> store.memberships().update(owner.withRole(Role.ADMIN)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(owner.id().value());
    assertThatThrownBy(() -> store.memberships().update(owner.withActive(false)))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.memberships().delete(owner.id()))
        .isInstanceOf(ConflictException.class);
    assertThat(store.memberships().findById(owner.id())).contains(owner);
  }

  @Test
  void an_owner_may_step_down_while_another_active_owner_remains() {
    Tenant acme = newTenant("acme");
    Membership ann = addMember(newUser("ann@example.com"), acme, Role.OWNER);
    Membership bob = addMember(newUser("bob@example.com"), acme, Role.OWNER);

    store.memberships().update(ann.withRole(Role.MEMBER));

    assertThat(store.memberships().findById(ann.id()))
        .hasValueSatisfying(m -> assertThat(m.role()).isEqualTo(Role.MEMBER));
    assertThatThrownBy(() -> store.memberships().delete(bob.id()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void removes_and_deactivates_ordinary_members() {
    Tenant acme = newTenant("acme");
    addMember(newUser("ann@example.com"), acme, Role.OWNER);
    Membership bob = addMember(newUser("bob@example.com"), acme, Role.MEMBER);
    Membership cid = addMember(newUser("cid@example.com"), acme, Role.ADMIN);

    store.memberships().delete(bob.id());
    store.memberships().update(cid.withActive(false));

    assertThat(store.memberships().findById(bob.id())).isEmpty();
    assertThat(store.memberships().findById(cid.id()))
        .hasValueSatisfying(m -> assertThat(m.active()).isFalse());
  }

  @Test
  void changing_an_unknown_membership_is_not_found() {
    Membership ghost = Membership.create(Id.random(), Id.random(), Id.random(), Role.MEMBER, now);

    assertThatThrownBy(() -> store.memberships().update(ghost))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.id().value());
    assertThatThrownBy(() -> store.memberships().delete(ghost.id()))
        .isInstanceOf(NotFoundException.class);
  }
}
