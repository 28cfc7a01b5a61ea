package dev.hostdb.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostdb.jdbc.SqlErrorKind;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresDialectTest {
  private final PostgresDialect dialect = new PostgresDialect();

  @ParameterizedTest
  @CsvSource({
    "23505, UNIQUE_VIOLATION",
    "23503, FOREIGN_KEY_VIOLATION",
    "23502, NOT_NULL_VIOLATION",
    "23514, CHECK_VIOLATION",
    "08000, UNAVAILABLE",
    "08006, UNAVAILABLE",
    "57P01, UNAVAILABLE",
    "57P02, UNAVAILABLE",
    "57P03, UNAVAILABLE",
    "53300, UNAVAILABLE",
    "40001, UNAVAILABLE",
    "40P01, UNAVAILABLE",
    "42P01, OTHER",
    "23000, OTHER",
    "57014, OTHER"
  })
  void classifies_errors_by_sqlstate_alone(String state, SqlErrorKind kind) {
    SQLException error = new SQLException("duplicate key value violates unique constraint", state);

    assertThat(dialect.classify(error)).isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource({"duplicate key value violates unique constraint", "connection refused"})
  void ignores_the_message_when_there_is_no_sqlstate(String message) {
    assertThat(dialect.classify(new SQLException(message))).isEqualTo(SqlErrorKind.OTHER);
  }

  @Test
  void locks_selected_rows_for_update() {
    assertThat(dialect.lockRowsClause()).isEqualTo(" FOR UPDATE");
  }
}
