package dev.hostdb.jdbc;

import dev.hostdb.domain.Cents;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

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
