package dev.hostdb.jdbc.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a PostgreSQL schema from {@code information_schema} (tables, columns, nullability) and
 * {@code pg_catalog} (constraints by name, foreign keys, indexes with their column order), in the
 * connection's current schema.
 */
public final class PostgresSchemaInspector implements SchemaInspector {
  private final Connection connection;

  /**
   * Reads through the given connection.
   *
   * @param connection an open PostgreSQL connection
   */
  public PostgresSchemaInspector(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Set<String> tables() throws SQLException {
    return new LinkedHashSet<>(
        strings(
            """
            SELECT lower(table_name) FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
            ORDER BY 1
            """));
  }

  @Override
  public List<String> columns(String table) throws SQLException {
    return strings(
        """
        SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ?
        ORDER BY ordinal_position
        """,
        table);
  }

  @Override
  public Set<String> notNullColumns(String table) throws SQLException {
    return new HashSet<>(
        strings(
            """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = ? AND is_nullable = 'NO'
            """,
            table));
  }

  @Override
  public Set<ForeignKey> foreignKeys(String table) throws SQLException {
    String sql =
        """
        SELECT a.attname, parent.relname, pa.attname
        FROM pg_constraint c
        CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, parent_col)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
        JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.parent_col
        JOIN pg_class parent ON parent.oid = c.confrelid
        WHERE c.contype = 'f' AND c.conrelid = to_regclass(?)
        """;
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
    return new HashSet<>(
        strings("SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(?)", table));
  }

  /** Every index but the primary key's, which PostgreSQL names itself. */
  @Override
  public Set<String> triggers(String table) throws SQLException {
    return new HashSet<>(
        strings(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal",
            table));
  }

  @Override
  public Set<Index> indexes(String table) throws SQLException {
    String sql =
        """
        SELECT i.relname, x.indisunique, a.attname
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
        JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
        WHERE x.indrelid = to_regclass(?) AND NOT x.indisprimary
        ORDER BY i.relname, k.position
        """;
    Map<String, List<String>> columns = new LinkedHashMap<>();
    Map<String, Boolean> unique = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns
              .computeIfAbsent(rows.getString(1), name -> new ArrayList<>())
              .add(rows.getString(3));
          unique.put(rows.getString(1), rows.getBoolean(2));
        }
      }
    }

    Set<Index> indexes = new HashSet<>();
    columns.forEach((name, names) -> indexes.add(new Index(name, names, unique.get(name))));
    return indexes;
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
