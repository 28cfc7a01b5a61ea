package dev.hostdb.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.hostdb.cyclea.CycleA;
import dev.hostdb.cycleb.CycleB;
import dev.hostdb.domain.archfixture.DomainUsingSlf4j;
import dev.hostdb.sqlite.archfixture.AdapterUsingTheApp;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule fails on a small class set that breaks it, so that a rule matching
 * nothing, or matching the wrong thing, cannot pass unnoticed.
 */
class ArchitectureRulesCatchViolationsTest {
  private static boolean violated(ArchRule rule, Class<?>... classes) {
    JavaClasses imported = new ClassFileImporter().importClasses(classes);
    return rule.evaluate(imported).hasViolation();
  }

  @Test
  void domain_rule_catches_a_logging_import() {
    assertThat(violated(ArchitectureTest.domain_depends_only_on_the_jdk, DomainUsingSlf4j.class))
        .isTrue();
  }

  @Test
  void adapter_rule_catches_a_call_into_the_facade() {
    assertThat(
            violated(ArchitectureTest.adapters_do_not_depend_on_the_app, AdapterUsingTheApp.class))
        .isTrue();
  }

  @Test
  void cycle_rule_catches_two_packages_that_use_each_other() {
    assertThat(violated(ArchitectureTest.no_package_cycles, CycleA.class, CycleB.class)).isTrue();
  }

  @Test
  void logger_rule_catches_a_public_logger() {
    assertThat(
            violated(
                ArchitectureTest.loggers_are_private_static_final, Fixtures.PublicLogger.class))
        .isTrue();
  }

  @Test
  void logger_rule_accepts_a_private_static_final_logger() {
    assertThat(
            violated(ArchitectureTest.loggers_are_private_static_final, Fixtures.GoodLogger.class))
        .isFalse();
  }

  @Test
  void generic_exception_rule_catches_a_runtime_exception() {
    assertThat(violated(ArchitectureTest.no_generic_exceptions, Fixtures.ThrowsGeneric.class))
        .isTrue();
  }

  @Test
  void java_util_logging_rule_catches_its_use() {
    assertThat(violated(ArchitectureTest.no_java_util_logging, Fixtures.UsesJul.class)).isTrue();
    assertThat(violated(ArchitectureTest.no_java_util_logging, Fixtures.HoldsJulLogger.class))
        .isTrue();
  }

  @Test
  void standard_stream_rule_catches_printing_outside_the_command_line() {
    assertThat(
            violated(
                ArchitectureTest.standard_streams_only_in_the_command_line,
                Fixtures.PrintsToStdout.class))
        .isTrue();
  }
}
