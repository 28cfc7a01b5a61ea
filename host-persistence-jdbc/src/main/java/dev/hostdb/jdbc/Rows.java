package dev.hostdb.jdbc;

import dev.hostdb.domain.Cents;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Timestamps;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reading and writing the host tables' column types: text ids and text timestamps. */
final class Rows {
  private Rows() {}

  static Id id(ResultSet rs, String column) throws SQLException {
    String value = rs.getString(column);
    return value == null ? null : Id.of(value);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Timestamps.parse(column, rs.getString(column));
  }

  static Integer integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  static Cents cents(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : new Cents(value);
  }

  /** A boolean that old rows may hold as NULL; NULL reads as {@code whenNull}. */
  static boolean bool(ResultSet rs, String column, boolean whenNull) throws SQLException {
    boolean value = rs.getBoolean(column);
    return rs.wasNull() ? whenNull : value;
  }

  /**
   * Throws {@link NotFoundException} naming {@code operation} unless {@code table} has a row with
   * this id.
   */
  static void requireRow(JdbcClient db, String operation, String table, String record, Id id) {
    long found =
        db.sql("SELECT COUNT(*) FROM " + table + " WHERE id = ?")
            .param(id.value())
            .query(Long.class)
            .single();
    if (found == 0) {
      throw new NotFoundException(operation, record, id);
    }
  }

  /** Refuses a page size outside 1 to 10,000 before it reaches SQL. */
  static void checkLimit(int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new InvalidInputException("limit", "must be between 1 and 10000 but was " + limit);
    }
  }

  static String text(Instant instant) {
    return instant == null ? null : Timestamps.format(instant);
  }

  static String text(Id id) {
    return id == null ? null : id.value();
  }

  static Long amount(Cents cents) {
    return cents == null ? null : cents.value();
  }
}
