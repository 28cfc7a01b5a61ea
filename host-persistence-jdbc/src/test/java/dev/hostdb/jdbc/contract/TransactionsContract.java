package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.DuplicateEmailException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every adapter's {@link dev.hostdb.domain.port.Transactions} must do. */
public abstract class TransactionsContract extends StoreContract {

  @Test
  void commits_every_write_of_the_work_together() {
    User user =
        store
            .transactions()
            .inTransaction(
                () -> {
                  User ann = newUser("ann@example.com");
                  Tenant acme = newTenant("acme");
                  addMember(ann, acme, Role.OWNER);
                  return ann;
                });

    assertThat(store.users().findById(user.id())).isPresent();
    assertThat(store.memberships().listByUser(user.id())).hasSize(1);
  }

  @Test
  void a_failed_transaction_leaves_no_row() {
    IllegalStateException failure = new IllegalStateException("stop");

    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          User ann = newUser("ann@example.com");
                          Tenant acme = newTenant("acme");
                          addMember(ann, acme, Role.OWNER);
                          store
                              .subscriptions()
                              .create(
                                  Subscription.trial(
                                      Id.random(), acme.id(), "pro", later(100), now));
                          store
                              .auditLog()
                              .append(
                                  new AuditEntry(
                                      Id.random(),
                                      ann.id(),
                                      "tenant.created",
                                      acme.id().value(),
                                      null,
                                      null,
                                      now));
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(store.rowCounts().values()).containsOnly(0L);
  }

  @Test
  void a_domain_error_inside_the_work_rolls_back_the_earlier_writes() {
    newUser("taken@example.com");

    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          newTenant("acme");
                          newUser("TAKEN@example.com");
                        }))
        .isInstanceOf(DuplicateEmailException.class);

    assertThat(store.tenants().count()).isZero();
    assertThat(store.users().count()).isEqualTo(1);
  }

  @Test
  void reads_inside_a_transaction_see_its_own_writes() {
    boolean seen =
        store
            .transactions()
            .inTransaction(
                () -> {
                  User ann = newUser("ann@example.com");
                  return store.users().findById(ann.id()).isPresent();
                });

    assertThat(seen).isTrue();
  }

  @Test
  void counts_the_rows_of_every_host_table() {
    newUser("ann@example.com");
    newTenant("acme");

    Map<String, Long> counts = store.rowCounts();

    assertThat(counts.keySet()).containsExactlyElementsOf(dev.hostdb.domain.port.HostStore.TABLES);
    assertThat(counts).containsEntry("core_users", 1L).containsEntry("core_tenants", 1L);
    assertThat(store.schemaVersion()).isNotBlank().isNotEqualTo("none");
  }
}
