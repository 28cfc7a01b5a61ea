package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.NotFoundException;
import org.junit.jupiter.api.Test;

/** What every adapter's {@link dev.hostdb.domain.port.TenantCatalog} must do. */
public abstract class TenantCatalogContract extends StoreContract {

  @Test
  void creates_finds_and_lists_tenants_by_name() {
    Tenant beta = newTenant("beta");
    Tenant alpha = newTenant("alpha");

    assertThat(store.tenants().findById(beta.id())).contains(beta);
    assertThat(store.tenants().list()).containsExactly(alpha, beta);
    assertThat(store.tenants().count()).isEqualTo(2);
  }

  @Test
  void keeps_a_database_url_with_its_password_yet_never_shows_it() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s3cret@db1.internal:5432/tenant_a");
    Tenant tenant = store.tenants().create(Tenant.create(Id.random(), "a", url, now));

    Tenant read = store.tenants().findById(tenant.id()).orElseThrow();

    assertThat(read.dbUrl().password()).isEqualTo("s3cret");
    assertThat(read.dbUrl().jdbcUrl()).isEqualTo("jdbc:postgresql://db1.internal:5432/tenant_a");
    assertThat(read.toString()).doesNotContain("s3cret");
  }

  @Test
  void updates_state_and_tier() {
    Tenant tenant = newTenant("acme");

    store.tenants().update(tenant.withActive(false).withPlanTier("pro"));

    assertThat(store.tenants().findById(tenant.id()))
        .hasValueSatisfying(
            t -> {
              assertThat(t.active()).isFalse();
              assertThat(t.planTier()).isEqualTo("pro");
            });
  }

  @Test
  void update_of_an_unknown_tenant_is_not_found() {
    Tenant ghost =
        Tenant.create(Id.random(), "ghost", DatabaseUrl.parse("sqlite:///ghost.db"), now);

    assertThatThrownBy(() -> store.tenants().update(ghost))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.id().value());
  }

  @Test
  void rejects_a_taken_id() {
    Tenant tenant = newTenant("acme");

    assertThatThrownBy(
            () ->
                store
                    .tenants()
                    .create(
                        Tenant.create(
                            tenant.id(), "other", DatabaseUrl.parse("sqlite:///o.db"), now)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(tenant.id().value());
  }

  @Test
  void marks_a_tenant_deleted_and_inactive_and_keeps_its_row() {
    Tenant acme = newTenant("acme");

    store.tenants().markDeleted(acme.id(), later(60));

    assertThat(store.tenants().deletedAt(acme.id())).contains(later(60));
    assertThat(store.tenants().findById(acme.id())).contains(acme.withActive(false));
  }

  @Test
  void a_tenant_that_is_not_deleted_has_no_deletion_time() {
    Tenant acme = newTenant("acme");
    store.tenants().update(acme.withActive(false));

    assertThat(store.tenants().deletedAt(acme.id())).isEmpty();
    assertThat(store.tenants().deletedAt(Id.random())).isEmpty();
  }

  @Test
  void refuses_to_delete_an_unknown_tenant() {
    Id ghost = Id.random();

    assertThatThrownBy(() -> store.tenants().markDeleted(ghost, now))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());
  }

  @Test
  void marks_a_tenant_provisioned_once_and_keeps_the_first_time() {
    Tenant acme = newTenant("acme");
    Tenant other = newTenant("other");

    boolean first = store.tenants().markProvisioned(acme.id(), later(60));
    boolean second = store.tenants().markProvisioned(acme.id(), later(120));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(store.tenants().provisionedAt(acme.id())).contains(later(60));
    assertThat(store.tenants().provisionedAt(other.id())).isEmpty();
    assertThat(store.tenants().provisionedAt(Id.random())).isEmpty();
    assertThat(store.tenants().findById(acme.id())).contains(acme);
  }

  @Test
  void marks_a_tenant_purged_once_and_keeps_the_first_time() {
    Tenant acme = newTenant("acme");
    Tenant other = newTenant("other");
    store.tenants().markDeleted(acme.id(), later(10));

    boolean first = store.tenants().markPurged(acme.id(), later(60));
    boolean second = store.tenants().markPurged(acme.id(), later(120));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(store.tenants().purgedAt(acme.id())).contains(later(60));
    assertThat(store.tenants().deletedAt(acme.id())).contains(later(10));
    assertThat(store.tenants().purgedAt(other.id())).isEmpty();
    assertThat(store.tenants().purgedAt(Id.random())).isEmpty();
  }

  @Test
  void refuses_to_mark_an_unknown_tenant_provisioned_or_purged() {
    Id ghost = Id.random();

    assertThatThrownBy(() -> store.tenants().markProvisioned(ghost, now))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());
    assertThatThrownBy(() -> store.tenants().markPurged(ghost, now))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());
  }

  @Test
  void a_rolled_back_provisioning_mark_leaves_the_tenant_unprovisioned() {
    Tenant acme = newTenant("acme");

    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        (Runnable)
                            () -> {
                              store.tenants().markProvisioned(acme.id(), later(60));
                              throw new IllegalStateException("audit failed");
                            }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(store.tenants().provisionedAt(acme.id())).isEmpty();
    assertThat(store.tenants().markProvisioned(acme.id(), later(90))).isTrue();
  }
}
