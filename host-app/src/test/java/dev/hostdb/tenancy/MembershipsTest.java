package dev.hostdb.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class MembershipsTest extends TenancyFixture {
  Tenant acme;
  User bob;

  @BeforeEach
  void tenantWithOwner() {
    acme = newTenant("Acme");
    bob = newUser("bob@example.com");
  }

  @Test
  void adds_a_member_with_profile_and_meta_attributes_kept_as_given() {
    String meta = " {\"team\": \"ops\", \"tags\": [1, 2.5e3, true, null]} ";

    Membership added = db.members().add(acme.id(), bob.id(), Role.ADMIN, "profile-7", meta, admin);

    assertThat(db.memberships().find(bob.id(), acme.id())).contains(added);
    assertThat(added.profileId()).isEqualTo("profile-7");
    assertThat(added.metaAttributes()).isEqualTo(meta);
    assertThat(added.role()).isEqualTo(Role.ADMIN);
    assertThat(auditedEvents(added.id())).containsExactly("membership.added");
  }

  @Test
  void a_member_added_without_profile_has_the_membership_id_as_profile() {
    Membership added = db.members().add(acme.id(), bob.id(), Role.MEMBER, admin);

    assertThat(added.profileId()).isEqualTo(added.id().value());
    assertThat(added.metaAttributes()).isNull();
  }

  @Test
  void rejects_meta_attributes_that_are_not_a_json_object_or_array() {
    for (String bad : new String[] {"\"text\"", "42", "{\"a\": }", "[1, 2", "{} {}", "{'a': 1}"}) {
      assertThatThrownBy(() -> db.members().add(acme.id(), bob.id(), Role.MEMBER, null, bad, admin))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("meta_attributes");
    }
    assertThat(db.members().ofTenant(acme.id())).hasSize(1);
  }

  @Test
  void adding_a_member_twice_or_to_an_unknown_tenant_fails_without_an_audit_entry() {
    db.members().add(acme.id(), bob.id(), Role.MEMBER, admin);
    long entries = db.auditLog().count();

    assertThatThrownBy(() -> db.members().add(acme.id(), bob.id(), Role.ADMIN, admin))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(
            () -> db.members().add(dev.hostdb.domain.Id.random(), bob.id(), Role.ADMIN, admin))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.auditLog().count()).isEqualTo(entries);
  }

  @Test
  void changes_a_role_deactivates_and_removes_a_member_with_audit_entries() {
    Membership added = db.members().add(acme.id(), bob.id(), Role.MEMBER, admin);

    Membership promoted = db.members().changeRole(acme.id(), bob.id(), Role.ADMIN, admin);
    Membership inactive = db.members().deactivate(acme.id(), bob.id(), admin);
    db.members().remove(acme.id(), bob.id(), admin);

    assertThat(promoted.role()).isEqualTo(Role.ADMIN);
    assertThat(inactive.active()).isFalse();
    assertThat(db.memberships().find(bob.id(), acme.id())).isEmpty();
    assertThat(auditedEvents(added.id()))
        .containsExactlyInAnyOrder(
            "membership.added",
            "membership.role_changed",
            "membership.deactivated",
            "membership.removed");
    assertThat(db.auditLog().forTarget(added.id().value(), 10))
        .filteredOn(e -> e.eventType().equals("membership.role_changed"))
        .extracting(AuditEntry::details)
        .singleElement()
        .asString()
        .contains("\"from\":\"member\"", "\"to\":\"admin\"");
  }

  @Test
  void the_last_active_owner_can_be_neither_demoted_deactivated_nor_removed() {
    assertThatThrownBy(() -> db.members().changeRole(acme.id(), ann.id(), Role.ADMIN, admin))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("last active owner");
    assertThatThrownBy(() -> db.members().deactivate(acme.id(), ann.id(), admin))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> db.members().remove(acme.id(), ann.id(), admin))
        .isInstanceOf(ConflictException.class);

    assertThat(db.memberships().find(ann.id(), acme.id()))
        .hasValueSatisfying(m -> assertThat(m.isActiveOwner()).isTrue());
    assertThat(db.auditLog().recent(100))
        .extracting(AuditEntry::eventType)
        .doesNotContain("membership.role_changed", "membership.deactivated", "membership.removed");
  }

  @Test
  void an_owner_can_step_down_once_another_owner_exists() {
    db.members().add(acme.id(), bob.id(), Role.OWNER, admin);

    db.members().changeRole(acme.id(), ann.id(), Role.MEMBER, admin);

    assertThatThrownBy(() -> db.members().remove(acme.id(), bob.id(), admin))
        .isInstanceOf(ConflictException.class);
    assertThat(db.members().ofTenant(acme.id()))
        .extracting(Membership::role)
        .containsExactlyInAnyOrder(Role.MEMBER, Role.OWNER);
  }

  @Test
  void changing_a_user_who_is_not_a_member_is_not_found() {
    assertThatThrownBy(() -> db.members().deactivate(acme.id(), bob.id(), admin))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(bob.id().value())
        .hasMessageContaining(acme.id().value());
  }

  @Test
  void lists_a_tenants_members_and_a_users_tenants() {
    Tenant beta = newTenant("Beta");
    db.members().add(acme.id(), bob.id(), Role.MEMBER, admin);

    assertThat(db.members().ofTenant(acme.id()))
        .extracting(Membership::userId)
        .containsExactlyInAnyOrder(ann.id(), bob.id());
    assertThat(db.members().ofUser(ann.id()))
        .extracting(Membership::tenantId)
        .containsExactlyInAnyOrder(acme.id(), beta.id());
    assertThat(db.members().ofUser(bob.id()))
        .extracting(Membership::tenantId)
        .containsExactly(acme.id());
  }

  @Test
  void no_one_is_added_to_a_deleted_tenant() {
    db.tenancy().delete(acme.id(), admin);

    assertThatThrownBy(() -> db.members().add(acme.id(), bob.id(), Role.MEMBER, admin))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("deleted");
  }

  @Test
  void every_change_tells_the_access_hook_its_user_and_tenant() {
    Memberships members = new Memberships(recordingPorts());

    members.add(acme.id(), bob.id(), Role.MEMBER, admin);
    members.changeRole(acme.id(), bob.id(), Role.ADMIN, admin);
    members.deactivate(acme.id(), bob.id(), admin);
    members.remove(acme.id(), bob.id(), admin);

    assertThat(invalidated).hasSize(4).containsOnly(AccessScope.membership(bob.id(), acme.id()));
  }
}
