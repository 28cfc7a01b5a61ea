package dev.hostdb.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.springframework.jdbc.core.SqlTypeValue;

/**
 * A statement parameter that must never be logged, such as a password hash or a tenant database URL
 * with its password. Spring JDBC logs bound values at TRACE by their {@code toString()}, which here
 * is {@code ***}; the value itself only reaches the driver.
 */
final class SecretValue implements SqlTypeValue {
  private final String value;

  private SecretValue(String value) {
    this.value = value;
  }

  /** The value wrapped, or null for null so that the column is set to NULL. */
  static Object of(String value) {
    return value == null ? null : new SecretValue(value);
  }

  @Override
  public void setTypeValue(PreparedStatement statement, int index, int sqlType, String typeName)
      throws SQLException {
    statement.setString(index, value);
  }

  @Override
  public String toString() {
    return "***";
  }
}
