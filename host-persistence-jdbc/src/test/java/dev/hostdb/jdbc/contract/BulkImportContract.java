package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.BulkImport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every adapter's {@link BulkImport} must do. */
public abstract class BulkImportContract extends StoreContract {

  @Test
  void writes_users_tenants_and_memberships_across_many_batches() {
    Batch batch = batch(2_500);

    BulkImport.Counts counts = store.bulk().insertAll(batch.users, batch.tenants, batch.members);

    assertThat(counts).isEqualTo(new BulkImport.Counts(2_500, 2_500, 2_500));
    assertThat(store.users().count()).isEqualTo(2_500);
    assertThat(store.memberships().listByUser(batch.users.get(1_234).id()))
        .containsExactly(batch.members.get(1_234));
    assertThat(store.users().findByEmail(Email.of("user2499@example.com")))
        .contains(batch.users.get(2_499));
  }

  @Test
  void a_repeated_email_within_the_call_is_named_and_nothing_is_written() {
    Batch batch = batch(1_500);
    batch.users.set(1_200, User.create(Id.random(), Email.of("USER7@example.com"), now));

    assertThatThrownBy(() -> store.bulk().insertAll(batch.users, batch.tenants, batch.members))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("users[1200]")
        .hasMessageContaining("users[7]");
    assertThat(store.rowCounts().values()).containsOnly(0L);
  }

  @Test
  void a_row_that_collides_with_a_stored_one_is_named_and_nothing_is_written() {
    newUser("user1100@example.com");
    Batch batch = batch(1_500);

    assertThatThrownBy(() -> store.bulk().insertAll(batch.users, batch.tenants, batch.members))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("users[1100]")
        .hasMessageContaining("user1100@example.com");
    assertThat(store.users().count()).isEqualTo(1);
    assertThat(store.tenants().count()).isZero();
    assertThat(store.memberships().count()).isZero();
  }

  @Test
  void a_membership_of_an_unknown_user_is_named_and_nothing_is_written() {
    Batch batch = batch(1_500);
    Id ghost = Id.random();
    batch.members.set(
        1_499, Membership.create(Id.random(), ghost, batch.tenants.get(0).id(), Role.MEMBER, now));

    assertThatThrownBy(() -> store.bulk().insertAll(batch.users, batch.tenants, batch.members))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("memberships[1499]")
        .hasMessageContaining(ghost.value());
    assertThat(store.rowCounts().values()).containsOnly(0L);
  }

  @Test
  void memberships_may_refer_to_rows_stored_before_the_call() {
    User stored = newUser("stored@example.com");
    Tenant tenant = newTenant("stored");

    store
        .bulk()
        .insertAll(
            List.of(),
            List.of(),
            List.of(Membership.create(Id.random(), stored.id(), tenant.id(), Role.OWNER, now)));

    assertThat(store.memberships().listByTenant(tenant.id())).hasSize(1);
  }

  private Batch batch(int size) {
    Batch batch = new Batch();
    for (int i = 0; i < size; i++) {
      User user = User.create(Id.random(), Email.of("user" + i + "@example.com"), now);
      Tenant tenant =
          Tenant.create(
              Id.random(), "tenant " + i, DatabaseUrl.parse("sqlite:///t" + i + ".db"), now);
      batch.users.add(user);
      batch.tenants.add(tenant);
      batch.members.add(Membership.create(Id.random(), user.id(), tenant.id(), Role.OWNER, now));
    }
    return batch;
  }

  private static final class Batch {
    final List<User> users = new ArrayList<>();
    final List<Tenant> tenants = new ArrayList<>();
    final List<Membership> members = new ArrayList<>();
  }
}
