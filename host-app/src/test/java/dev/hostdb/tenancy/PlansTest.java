package dev.hostdb.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import org.junit.jupiter.api.Test;

abstract class PlansTest extends TenancyFixture {

  @Test
  void a_tenant_has_the_features_and_tier_of_its_current_plan() {
    db.plans().upsert(plan("team", 3, 0, "[\"api\", \"exports\", \"sso\"]"), admin);
    Tenant acme = newTenant("Acme");

    boolean ssoOnPro = db.plans().hasFeature(acme.id(), "sso");
    db.tenancy().changePlan(acme.id(), "team", admin);

    assertThat(ssoOnPro).isFalse();
    assertThat(db.plans().hasFeature(acme.id(), "sso")).isTrue();
    assertThat(db.plans().features(acme.id())).containsExactly("api", "exports", "sso");
    assertThat(db.plans().tierAtLeast(acme.id(), 3)).isTrue();
    assertThat(db.plans().tierAtLeast(acme.id(), 4)).isFalse();
  }

  @Test
  void a_plan_change_in_the_catalog_reaches_its_tenants() {
    Tenant acme = newTenant("Acme");

    db.plans().upsert(plan("pro", 5, 14, "[]"), admin);

    assertThat(db.plans().features(acme.id())).isEmpty();
    assertThat(db.plans().tierLevel(acme.id())).isEqualTo(5);
  }

  @Test
  void a_tier_that_names_no_plan_gives_no_features_and_level_zero() {
    Tenant free = db.tenants().create(Tenant.create(db.newId(), "Free", ACME_DB, db.now()));

    assertThat(db.plans().features(free.id())).isEmpty();
    assertThat(db.plans().tierLevel(free.id())).isZero();
    assertThat(db.plans().tierAtLeast(free.id(), 1)).isFalse();
  }

  @Test
  void malformed_stored_features_are_refused_naming_the_plan() {
    Tenant acme = newTenant("Acme");
    db.pricingPlans().upsert(plan("pro", 2, 14, "[\"api\", 7]"));

    assertThatThrownBy(() -> db.plans().hasFeature(acme.id(), "api"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("plan pro");
  }

  @Test
  void upsert_refuses_features_that_are_not_an_array_of_strings() {
    for (String bad : new String[] {"{\"api\": true}", "[\"api\",]", "api", "[\"a\\x\"]"}) {
      assertThatThrownBy(() -> db.plans().upsert(plan("bad", 1, 0, bad), admin))
          .as(bad)
          .isInstanceOf(InvalidInputException.class);
    }
    assertThat(db.pricingPlans().findById("bad")).isEmpty();
  }

  @Test
  void upsert_is_audited_and_active_plans_are_listed_by_sort_order() {
    PricingPlan hidden =
        new PricingPlan(
            "legacy", "Legacy", null, null, null, null, null, "usd", 0, null, 1, false, 0, NOW);
    db.plans().upsert(plan("basic", 1, 30, "[\"api\"]"), admin);
    db.plans().upsert(hidden, admin);

    assertThat(db.plans().listActive()).extracting(PricingPlan::id).containsExactly("basic", "pro");
    assertThat(db.auditLog().forTarget("basic", 10))
        .singleElement()
        .satisfies(e -> assertThat(e.eventType()).isEqualTo("plan.upserted"));
  }

  @Test
  void features_of_an_unknown_tenant_are_not_found() {
    Id ghost = Id.random();

    assertThatThrownBy(() -> db.plans().hasFeature(ghost, "api"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(ghost.value());
  }
}
