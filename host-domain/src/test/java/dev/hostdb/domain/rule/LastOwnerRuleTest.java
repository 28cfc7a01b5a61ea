package dev.hostdb.domain.rule;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LastOwnerRuleTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private final Id tenant = Id.random();
  private final Membership owner = member(Role.OWNER);
  private final Membership secondOwner = member(Role.OWNER);
  private final Membership admin = member(Role.ADMIN);

  private Membership member(Role role) {
    return Membership.create(Id.random(), Id.random(), tenant, role, T0);
  }

  @Test
  void blocks_demoting_the_last_active_owner() {
    List<Membership> memberships = List.of(owner, admin);

    assertThatThrownBy(
            () -> LastOwnerRule.checkChange(memberships, owner, owner.withRole(Role.ADMIN)))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "demote membership "
                + owner.id()
                + ": user "
                + owner.userId()
                + " is the last active owner of tenant "
                + tenant);
  }

  @Test
  void blocks_deactivating_the_last_active_owner() {
    List<Membership> memberships = List.of(owner, admin);

    assertThatThrownBy(() -> LastOwnerRule.checkChange(memberships, owner, owner.withActive(false)))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith("deactivate membership " + owner.id());
  }

  @Test
  void blocks_removing_the_last_active_owner() {
    List<Membership> memberships = List.of(owner, admin);

    assertThatThrownBy(() -> LastOwnerRule.checkRemoval(memberships, owner))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "remove membership "
                + owner.id()
                + ": user "
                + owner.userId()
                + " is the last active owner of tenant "
                + tenant);
  }

  @Test
  void allows_demoting_an_owner_when_another_active_owner_remains() {
    List<Membership> memberships = List.of(owner, secondOwner, admin);

    assertThatCode(() -> LastOwnerRule.checkChange(memberships, owner, owner.withRole(Role.MEMBER)))
        .doesNotThrowAnyException();
  }

  @Test
  void allows_removing_an_owner_when_another_active_owner_remains() {
    List<Membership> memberships = List.of(owner, secondOwner);

    assertThatCode(() -> LastOwnerRule.checkRemoval(memberships, owner)).doesNotThrowAnyException();
  }

  @Test
  void does_not_count_an_inactive_owner_as_remaining() {
    List<Membership> memberships = List.of(owner, secondOwner.withActive(false));

    assertThatThrownBy(() -> LastOwnerRule.checkRemoval(memberships, owner))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void does_not_count_an_owner_of_another_tenant_as_remaining() {
    Membership foreignOwner =
        Membership.create(Id.random(), Id.random(), Id.random(), Role.OWNER, T0);
    List<Membership> memberships = List.of(owner, foreignOwner);

    assertThatThrownBy(() -> LastOwnerRule.checkRemoval(memberships, owner))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void blocks_even_when_the_list_lacks_the_owner_itself() {
    List<Membership> memberships = List.of(admin);

    assertThatThrownBy(() -> LastOwnerRule.checkRemoval(memberships, owner))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void allows_a_change_that_keeps_the_last_owner_an_active_owner() {
    List<Membership> memberships = List.of(owner);
    Membership renamed =
        new Membership(owner.id(), owner.userId(), tenant, "profile-2", "{}", Role.OWNER, true, T0);

    assertThatCode(() -> LastOwnerRule.checkChange(memberships, owner, renamed))
        .doesNotThrowAnyException();
  }

  @Test
  void allows_changing_and_removing_members_who_are_not_active_owners() {
    List<Membership> memberships = List.of(owner, admin);
    Membership inactiveOwner = secondOwner.withActive(false);

    assertThatCode(
            () -> {
              LastOwnerRule.checkChange(memberships, admin, admin.withRole(Role.MEMBER));
              LastOwnerRule.checkChange(memberships, admin, admin.withActive(false));
              LastOwnerRule.checkRemoval(memberships, admin);
              LastOwnerRule.checkRemoval(memberships, inactiveOwner);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void does_not_block_a_tenant_that_had_no_active_owner() {
    List<Membership> memberships = List.of(admin, member(Role.MEMBER));

    assertThatCode(
            () -> {
              LastOwnerRule.checkChange(memberships, admin, admin.withActive(false));
              LastOwnerRule.checkRemoval(memberships, admin);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void allows_promoting_and_reactivating() {
    List<Membership> memberships = List.of(owner, admin);
    Membership inactiveOwner = secondOwner.withActive(false);

    assertThatCode(
            () -> {
              LastOwnerRule.checkChange(memberships, admin, admin.withRole(Role.OWNER));
              LastOwnerRule.checkChange(memberships, inactiveOwner, secondOwner);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void rejects_before_and_after_of_different_memberships() {
    List<Membership> memberships = List.of(owner, admin);

    assertThatThrownBy(() -> LastOwnerRule.checkChange(memberships, owner, admin))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(owner.id().value())
        .hasMessageContaining(admin.id().value());
  }

  @Test
  void rejects_missing_arguments() {
    assertThatThrownBy(() -> LastOwnerRule.checkRemoval(null, owner))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> LastOwnerRule.checkRemoval(List.of(owner), null))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> LastOwnerRule.checkChange(List.of(owner), owner, null))
        .isInstanceOf(InvalidInputException.class);
  }
}
