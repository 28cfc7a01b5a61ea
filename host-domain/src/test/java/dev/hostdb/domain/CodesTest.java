package dev.hostdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CodesTest {

  @ParameterizedTest
  @EnumSource(Role.class)
  void reads_back_every_role_code(Role role) {
    assertThat(Role.fromCode(role.code())).isEqualTo(role);
  }

  @ParameterizedTest
  @EnumSource(SubscriptionStatus.class)
  void reads_back_every_subscription_status_code(SubscriptionStatus status) {
    assertThat(SubscriptionStatus.fromCode(status.code())).isEqualTo(status);
  }

  @ParameterizedTest
  @EnumSource(PaymentType.class)
  void reads_back_every_payment_type_code(PaymentType type) {
    assertThat(PaymentType.fromCode(type.code())).isEqualTo(type);
  }

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void reads_back_every_job_status_code(JobStatus status) {
    assertThat(JobStatus.fromCode(status.code())).isEqualTo(status);
  }

  @Test
  void stores_codes_in_lower_case_as_the_reference_does() {
    assertThat(Role.OWNER.code()).isEqualTo("owner");
    assertThat(SubscriptionStatus.INCOMPLETE_EXPIRED.code()).isEqualTo("incomplete_expired");
    assertThat(PaymentType.ONE_TIME.code()).isEqualTo("one_time");
  }

  @Test
  void reads_codes_in_any_case_and_with_surrounding_space() {
    assertThat(Role.fromCode(" Admin ")).isEqualTo(Role.ADMIN);
  }

  @Test
  void rejects_an_unknown_role_naming_the_field_and_allowed_values() {
    assertThatThrownBy(() -> Role.fromCode("superuser"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("role"))
        .hasMessage("role: 'superuser' is not one of owner, admin, member");
  }

  @Test
  void rejects_an_unknown_status_naming_the_allowed_values() {
    assertThatThrownBy(() -> SubscriptionStatus.fromCode("cancelled"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("status")
        .hasMessageContaining(
            "trialing, active, past_due, canceled, unpaid, incomplete, incomplete_expired, paused");
  }

  @Test
  void rejects_a_missing_code() {
    assertThatThrownBy(() -> PaymentType.fromCode(null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("payment_type")
        .hasMessageContaining("subscription, one_time");
    assertThatThrownBy(() -> JobStatus.fromCode(""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("pending, running, completed, failed, cancelled");
  }
}
