package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** What every adapter's {@link dev.hostdb.domain.port.AuditLog} must do. */
public abstract class AuditLogContract extends StoreContract {

  @Test
  void appends_and_lists_newest_first() {
    AuditEntry first = entry("tenant.created", "t1", 1);
    AuditEntry second = entry("user.created", "u1", 2);
    AuditEntry third = entry("tenant.renamed", "t1", 3);
    store.auditLog().append(first);
    store.auditLog().append(third);
    store.auditLog().append(second);

    assertThat(store.auditLog().recent(10)).containsExactly(third, second, first);
    assertThat(store.auditLog().recent(1)).containsExactly(third);
    assertThat(store.auditLog().forTarget("t1", 10)).containsExactly(third, first);
    assertThat(store.auditLog().count()).isEqualTo(3);
  }

  @Test
  void keeps_every_field_and_the_system_actor() {
    AuditEntry entry =
        new AuditEntry(
            Id.random(), Id.SYSTEM, "job.completed", "j1", "{\"ok\":true}", "203.0.113.9", now);

    store.auditLog().append(entry);

    assertThat(store.auditLog().recent(1)).containsExactly(entry);
  }

  @Test
  void rejects_a_limit_out_of_range() {
    assertThatThrownBy(() -> store.auditLog().recent(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
  }

  private AuditEntry entry(String type, String target, long second) {
    return new AuditEntry(Id.random(), Id.random(), type, target, null, null, later(second));
  }
}
