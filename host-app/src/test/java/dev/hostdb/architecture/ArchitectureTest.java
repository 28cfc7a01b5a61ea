package dev.hostdb.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.slf4j.Logger;

/**
 * The module boundaries of DESIGN.md, checked on the main classes of every module: host-app's test
 * class path holds the domain, both adapters and the app.
 */
@AnalyzeClasses(
    packages = "dev.hostdb",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
  /**
   * Leaves out the test-jars on the class path (the jdbc module's PostgreSQL test fixtures), which
   * {@link ImportOption.DoNotIncludeTests} does not recognise: their classes are no module's code.
   */
  public static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }

  static final String[] ADAPTERS = {"dev.hostdb.jdbc..", "dev.hostdb.sqlite.."};

  @ArchTest
  static final ArchRule domain_depends_only_on_the_jdk =
      classes()
          .that()
          .resideInAPackage("dev.hostdb.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.hostdb.domain..")
          .because(
              "the domain is plain Java that every adapter and the app build on; a framework,"
                  + " driver or logging library there would tie them all to it")
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule adapters_do_not_depend_on_the_app =
      noClasses()
          .that()
          .resideInAnyPackage(ADAPTERS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.hostdb", "dev.hostdb.cli..")
          .because(
              "dependencies point inward: the app picks an adapter, an adapter never calls back"
                  + " into the facade or the command line")
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule no_package_cycles =
      slices()
          .matching("dev.hostdb.(*)..")
          .should()
          .beFreeOfCycles()
          .because("a cycle between modules' packages makes them one module in disguise")
          .allowEmptyShould(false);

  // The bridge that sends Liquibase's log to SLF4J holds one SLF4J logger per Liquibase logger and
  // must read Liquibase's java.util.logging levels: both rules below exempt it, and only it.
  private static final String LIQUIBASE_LOG_BRIDGE = "dev.hostdb.jdbc.schema.Slf4jLogService";

  @ArchTest
  static final ArchRule loggers_are_private_static_final =
      fields()
          .that()
          .haveRawType(Logger.class)
          .and()
          .areDeclaredInClassesThat()
          .doNotHaveFullyQualifiedName(LIQUIBASE_LOG_BRIDGE + "$Slf4jLogger")
          .should()
          .bePrivate()
          .andShould()
          .beStatic()
          .andShould()
          .beFinal()
          .because("one logger per class, named after it, that no other class logs through")
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule no_generic_exceptions =
      GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.because(
          "callers act on HostDB's error hierarchy (not found, conflict, invalid input,"
              + " unavailable storage), which a bare RuntimeException escapes");

  // GeneralCodingRules' condition alone only sees a static field holding a JUL logger; any use of
  // java.util.logging counts here
  @ArchTest
  static final ArchRule no_java_util_logging =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName(LIQUIBASE_LOG_BRIDGE + "$Slf4jLogger")
          .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("java.util.logging..")
          .because(
              "HostDB logs through SLF4J so that applications choose the backend; the one"
                  + " exception is the bridge that hands Liquibase's log, whose API speaks in"
                  + " java.util.logging levels, to SLF4J");

  @ArchTest
  static final ArchRule standard_streams_only_in_the_command_line =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.hostdb.cli..")
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because(
              "a library must not write to the application's console; only the hostdb command"
                  + " prints, and it prints through picocli's writers");
}
