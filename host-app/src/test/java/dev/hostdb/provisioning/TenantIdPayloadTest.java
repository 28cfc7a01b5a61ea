package dev.hostdb.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the tenant of a {@code tenant.provision} or {@code tenant.purge} job's payload. */
class TenantIdPayloadTest {
  private static final Id ACME = Id.of("0123456789abcdef0123456789abcdef");

  @Test
  void reads_the_payload_that_tenant_deletion_writes() {
    assertThat(TenantProvisioning.tenantIdOf("{\"tenant_id\":\"" + ACME.value() + "\"}"))
        .isEqualTo(ACME);
    assertThat(TenantProvisioning.tenantIdOf(" { \"tenant_id\" : \"" + ACME.value() + "\" } "))
        .isEqualTo(ACME);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "{}",
        "{\"tenant_id\":\"0123\"}",
        "{\"tenant_id\":\"0123456789abcdef0123456789abcdeg\"}",
        "{\"tenant_id\":\"0123456789abcdef0123456789abcdef\",\"x\":\"y\"}",
        "{\"user_id\":\"0123456789abcdef0123456789abcdef\"}",
        "[\"0123456789abcdef0123456789abcdef\"]"
      })
  void refuses_any_other_payload(String payload) {
    assertThatThrownBy(() -> TenantProvisioning.tenantIdOf(payload))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("payload");
  }
}
