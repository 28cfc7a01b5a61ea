package dev.hostdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.port.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostConfigTest {
  private static final Path WORK = Path.of("/srv/app");

  @Test
  void opens_the_embedded_sqlite_file_in_the_working_directory_when_nothing_is_set() {
    HostConfig config = HostConfig.fromEnv(Map.of(), WORK);

    assertThat(config.url().kind()).isEqualTo("sqlite");
    assertThat(config.url().sqlitePath()).isEqualTo("/srv/app/app_host.db");
    assertThat(config.settings()).isEqualTo(StoreSettings.defaults());
  }

  @Test
  void host_db_url_wins_over_the_db_variables() {
    Map<String, String> env =
        Map.of("HOST_DB_URL", "postgresql://app:s3cret@db.internal:6543/host", "DB_TYPE", "SQLITE");

    HostConfig config = HostConfig.fromEnv(env, WORK);

    assertThat(config.url().kind()).isEqualTo("postgresql");
    assertThat(config.url().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/host");
    assertThat(config.url().password()).isEqualTo("s3cret");
  }

  @Test
  void host_db_url_accepts_the_jdbc_form() {
    HostConfig config = HostConfig.fromEnv(Map.of("HOST_DB_URL", "jdbc:sqlite:/data/h.db"), WORK);

    assertThat(config.url().sqlitePath()).isEqualTo("/data/h.db");
  }

  @Test
  void postgresql_takes_its_parts_from_the_db_variables() {
    Map<String, String> env =
        Map.of(
            "DB_TYPE", "postgresql",
            "DB_HOST", "pg",
            "DB_PORT", "5433",
            "DB_NAME", "hostdb",
            "DB_USER", "svc",
            "DB_PASS", "p@ss word");

    HostConfig config = HostConfig.fromEnv(env, WORK);

    assertThat(config.url().jdbcUrl()).isEqualTo("jdbc:postgresql://pg:5433/hostdb");
    assertThat(config.url().user()).isEqualTo("svc");
    assertThat(config.url().password()).isEqualTo("p@ss word");
  }

  @Test
  void postgresql_defaults_match_the_reference_and_allow_no_password() {
    HostConfig config = HostConfig.fromEnv(Map.of("DB_TYPE", "POSTGRES"), WORK);

    assertThat(config.url().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app_host");
    assertThat(config.url().user()).isEqualTo("postgres");
    assertThat(config.url().password()).isNull();
  }

  @Test
  void sqlite_uses_db_name_in_the_working_directory() {
    HostConfig config =
        HostConfig.fromEnv(Map.of("DB_TYPE", "SQLite", "DB_NAME", "tenants_host"), WORK);

    assertThat(config.url().sqlitePath()).isEqualTo("/srv/app/tenants_host.db");
    assertThat(config.url().masked()).isEqualTo("sqlite:////srv/app/tenants_host.db");
  }

  @Test
  void blank_variables_count_as_unset() {
    HostConfig config = HostConfig.fromEnv(Map.of("HOST_DB_URL", " ", "DB_TYPE", ""), WORK);

    assertThat(config.url().sqlitePath()).isEqualTo("/srv/app/app_host.db");
  }

  @Test
  void rejects_an_unknown_db_type_naming_the_allowed_values() {
    assertThatThrownBy(() -> HostConfig.fromEnv(Map.of("DB_TYPE", "mysql"), WORK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("DB_TYPE")
        .hasMessageContaining("POSTGRESQL")
        .hasMessageContaining("SQLITE");
  }

  @Test
  void rejects_a_port_that_is_not_a_number() {
    assertThatThrownBy(
            () -> HostConfig.fromEnv(Map.of("DB_TYPE", "POSTGRESQL", "DB_PORT", "54x"), WORK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("DB_PORT");
  }

  @Test
  void rejects_a_port_out_of_range() {
    assertThatThrownBy(
            () -> HostConfig.fromEnv(Map.of("DB_TYPE", "POSTGRESQL", "DB_PORT", "70000"), WORK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("DB_PORT");
  }

  @Test
  void reads_pool_size_and_timeout() {
    HostConfig config =
        HostConfig.fromEnv(Map.of("HOST_DB_POOL_SIZE", "3", "HOST_DB_TIMEOUT_MS", "2500"), WORK);

    assertThat(config.settings()).isEqualTo(new StoreSettings(3, Duration.ofMillis(2500)));
  }

  @Test
  void rejects_a_pool_size_below_one() {
    assertThatThrownBy(() -> HostConfig.fromEnv(Map.of("HOST_DB_POOL_SIZE", "0"), WORK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("HOST_DB_POOL_SIZE");
  }

  @Test
  void rejects_a_timeout_that_is_not_a_positive_number() {
    assertThatThrownBy(() -> HostConfig.fromEnv(Map.of("HOST_DB_TIMEOUT_MS", "soon"), WORK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("HOST_DB_TIMEOUT_MS");
    assertThatThrownBy(() -> HostConfig.fromEnv(Map.of("HOST_DB_TIMEOUT_MS", "-1"), WORK))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("HOST_DB_TIMEOUT_MS");
  }

  @Test
  void to_string_never_shows_the_password() {
    HostConfig config =
        HostConfig.fromEnv(Map.of("DB_TYPE", "POSTGRESQL", "DB_PASS", "hunter2"), WORK);

    assertThat(config.toString()).doesNotContain("hunter2").contains("***");
  }

  @Test
  void of_accepts_both_url_forms_with_default_settings() {
    assertThat(HostConfig.of("sqlite:///h.db").url().sqlitePath()).isEqualTo("h.db");
    assertThat(HostConfig.of("jdbc:postgresql://h/db").settings())
        .isEqualTo(StoreSettings.defaults());
  }

  @Test
  void equal_environments_give_equal_configurations() {
    Map<String, String> env = Map.of("DB_TYPE", "POSTGRESQL", "DB_PASS", "x");

    assertThat(HostConfig.fromEnv(env, WORK)).isEqualTo(HostConfig.fromEnv(env, WORK));
  }
}
