package dev.hostdb.jdbc.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a SQLite schema from {@code sqlite_master} and the {@code pragma_table_info}, {@code
 * pragma_foreign_key_list}, {@code pragma_index_list} and {@code pragma_index_info} functions.
 * SQLite keeps constraint names only in the table's CREATE statement, so they are parsed from it.
 */
public final class SqliteSchemaInspector implements SchemaInspector {
  private static final Pattern CONSTRAINT = Pattern.compile("(?i)\\bCONSTRAINT\\s+\"?(\\w+)\"?");

  private final Connection connection;

  /**
   * Reads through the given connection.
   *
   * @param connection an open SQLite connection
   */
  public SqliteSchemaInspector(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Set<String> tables() throws SQLException {
    return new LinkedHashSet<>(
        strings("SELECT lower(name) FROM sqlite_master WHERE type = 'table' ORDER BY name"));
  }

  @Override
  public List<String> columns(String table) throws SQLException {
    return strings("SELECT name FROM pragma_table_info(?) ORDER BY cid", table);
  }

  @Override
  public Set<String> notNullColumns(String table) throws SQLException {
    return new HashSet<>(
        strings("SELECT name FROM pragma_table_info(?) WHERE \"notnull\" = 1", table));
  }

  @Override
  public Set<ForeignKey> foreignKeys(String table) throws SQLException {
    String sql = "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)";
    Set<ForeignKey> keys = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(new ForeignKey(rows.getString(1), rows.getString(2), rows.getString(3)));
        }
      }
    }
    return keys;
  }

  @Override
  public Set<String> constraintNames(String table) throws SQLException {
    List<String> sql =
        strings("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table);
    Set<String> names = new HashSet<>();
    if (!sql.isEmpty()) {
      Matcher matcher = CONSTRAINT.matcher(sql.get(0));
      while (matcher.find()) {
        names.add(matcher.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  @Override
  public Set<Index> indexes(String table) throws SQLException {
    String sql =
        "SELECT name, \"unique\" FROM pragma_index_list(?) WHERE name NOT LIKE 'sqlite_autoindex%'";
    List<String> names = new ArrayList<>();
    List<Boolean> unique = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
          unique.add(rows.getInt(2) == 1);
        }
      }
    }

    Set<Index> indexes = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      List<String> columns =
          strings("SELECT name FROM pragma_index_info(?) ORDER BY seqno", names.get(i));
      indexes.add(new Index(names.get(i), columns, unique.get(i)));
    }
    return indexes;
  }

  @Override
  public Set<String> triggers(String table) throws SQLException {
    return new HashSet<>(
        strings("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", table));
  }

  private List<String> strings(String sql, String... parameters) throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
    }
    return values;
  }
}
