package dev.hostdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

  @Test
  void splits_credentials_out_of_a_reference_postgres_url() {
    String text = "postgresql://user:p%40ss@host:5432/app_host";

    DatabaseUrl url = DatabaseUrl.parse(text);

    assertThat(url.kind()).isEqualTo("postgresql");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/app_host");
    assertThat(url.user()).isEqualTo("user");
    assertThat(url.password()).isEqualTo("p@ss");
    assertThat(url.sqlitePath()).isNull();
    assertThat(url.reveal()).isEqualTo(text);
  }

  @Test
  void masks_the_password_of_a_reference_postgres_url() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://user:p%40ss@host:5432/app_host");

    assertThat(url.masked()).isEqualTo("postgresql://user:***@host:5432/app_host");
    assertThat(url).hasToString(url.masked());
    assertThat(url.toString()).doesNotContain("p%40ss").doesNotContain("p@ss");
  }

  @Test
  void reads_a_driver_suffix_and_the_postgres_alias() {
    DatabaseUrl psycopg = DatabaseUrl.parse("postgresql+psycopg2://u:pw@db.internal/app_host");
    DatabaseUrl alias = DatabaseUrl.parse("postgres://u@db.internal/app_host");

    assertThat(psycopg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal/app_host");
    assertThat(psycopg.password()).isEqualTo("pw");
    assertThat(alias.kind()).isEqualTo("postgresql");
    assertThat(alias.user()).isEqualTo("u");
    assertThat(alias.password()).isNull();
  }

  @Test
  void keeps_an_unencoded_at_sign_in_the_password() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://user:p@ss@host/app_host");

    assertThat(url.password()).isEqualTo("p@ss");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host/app_host");
    assertThat(url.toString()).doesNotContain("p@ss");
  }

  @Test
  void builds_a_postgres_url_from_parts_that_round_trips_the_password() {
    DatabaseUrl url = DatabaseUrl.postgres("host", 5432, "app_host", "app", "s3cr:t/@?#%");

    assertThat(url.password()).isEqualTo("s3cr:t/@?#%");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/app_host");
    assertThat(url.toString()).doesNotContain("s3cr");
  }

  @Test
  void reads_a_relative_reference_sqlite_url() {
    DatabaseUrl url = DatabaseUrl.parse("sqlite:///app_host.db");

    assertThat(url.kind()).isEqualTo("sqlite");
    assertThat(url.sqlitePath()).isEqualTo("app_host.db");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:app_host.db");
    assertThat(url.user()).isNull();
    assertThat(url.password()).isNull();
  }

  @Test
  void reads_an_absolute_reference_sqlite_url() {
    DatabaseUrl url = DatabaseUrl.parse("sqlite:////tmp/x.db");

    assertThat(url.sqlitePath()).isEqualTo("/tmp/x.db");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/x.db");
  }

  @Test
  void reads_a_jdbc_sqlite_url() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:sqlite:x.db");

    assertThat(url.kind()).isEqualTo("sqlite");
    assertThat(url.sqlitePath()).isEqualTo("x.db");
    assertThat(url.reveal()).isEqualTo("jdbc:sqlite:x.db");
    assertThat(DatabaseUrl.sqliteFile("x.db")).isEqualTo(url);
  }

  @Test
  void splits_credentials_out_of_jdbc_postgres_parameters() {
    String text = "jdbc:postgresql://h/db?user=u&password=secret&ssl=true";

    DatabaseUrl url = DatabaseUrl.parse(text);

    assertThat(url.kind()).isEqualTo("postgresql");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?ssl=true");
    assertThat(url.user()).isEqualTo("u");
    assertThat(url.password()).isEqualTo("secret");
    assertThat(url.masked()).isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    assertThat(url.toString()).doesNotContain("secret");
    assertThat(url.reveal()).isEqualTo(text);
  }

  @Test
  void reads_a_jdbc_postgres_url_without_parameters() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h:5433/db");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/db");
    assertThat(url.user()).isNull();
    assertThat(url.password()).isNull();
  }

  @Test
  void compares_by_the_url_as_given() {
    DatabaseUrl one = DatabaseUrl.parse("sqlite:///a.db");

    assertThat(one).isEqualTo(DatabaseUrl.parse("sqlite:///a.db"));
    assertThat(one).hasSameHashCodeAs(DatabaseUrl.parse("sqlite:///a.db"));
    assertThat(one).isNotEqualTo(DatabaseUrl.parse("sqlite:///b.db"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "mysql://user:secret@host/db",
        "app_host.db",
        "sqlite://",
        "sqlite:///",
        "sqlite:///:memory:",
        "jdbc:sqlite::memory:",
        "jdbc:sqlite:file:x?mode=memory",
        "jdbc:sqlite:",
        "postgresql://user:secret@/app_host",
        "postgresql://user:secret@",
        "postgresql:///app_host"
      })
  void rejects_what_it_cannot_open(String text) {
    assertThatThrownBy(() -> DatabaseUrl.parse(text))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("database url"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://user:secret%zz@host/db",
        "postgresql://user:secret%@host/db",
        "jdbc:postgresql://h/db?user=u&password=secret%zz"
      })
  void rejects_broken_percent_encoding_without_showing_the_password(String text) {
    assertThatThrownBy(() -> DatabaseUrl.parse(text))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("zz"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://user:sec/ret@host:5432/app_host",
        "postgresql://user:sec?ret@host:5432/app_host",
        "postgresql://user:sec/r@t@host:5432/app_host"
      })
  void never_shows_an_unencoded_password_with_url_delimiters(String text) {
    DatabaseUrl url = DatabaseUrl.parse(text);

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/app_host");
    assertThat(url.user()).isEqualTo("user");
    assertThat(url.password()).startsWith("sec");
    assertThat(url.toString()).doesNotContain("sec").contains("***");
  }
}
