package dev.hostdb.jdbc.testing;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Reads a schema back from the database's own catalog, so that tests can assert that a constraint
 * really exists rather than trusting the changelog. One implementation per database.
 */
public interface SchemaInspector {

  /**
   * A foreign key as the catalog reports it.
   *
   * @param column the referencing column
   * @param referencedTable the parent table
   * @param referencedColumn the parent column
   */
  record ForeignKey(String column, String referencedTable, String referencedColumn) {}

  /**
   * An index created by name (a plain index, a unique index or a unique constraint's index).
   *
   * @param name the index name
   * @param columns the indexed columns, in order
   * @param unique whether the index rejects duplicates
   */
  record Index(String name, List<String> columns, boolean unique) {}

  /**
   * Lists the tables.
   *
   * @return table names, lower case
   * @throws SQLException when the catalog cannot be read
   */
  Set<String> tables() throws SQLException;

  /**
   * Lists a table's columns.
   *
   * @param table the table
   * @return column names, in the table's order
   * @throws SQLException when the catalog cannot be read
   */
  List<String> columns(String table) throws SQLException;

  /**
   * Lists the columns that reject NULL, primary key columns included.
   *
   * @param table the table
   * @return column names
   * @throws SQLException when the catalog cannot be read
   */
  Set<String> notNullColumns(String table) throws SQLException;

  /**
   * Lists the foreign keys of a table.
   *
   * @param table the referencing table
   * @return one entry per referencing column
   * @throws SQLException when the catalog cannot be read
   */
  Set<ForeignKey> foreignKeys(String table) throws SQLException;

  /**
   * Lists the names of a table's declared constraints (primary key, foreign keys, CHECKs, unique).
   *
   * @param table the table
   * @return constraint names
   * @throws SQLException when the catalog cannot be read
   */
  Set<String> constraintNames(String table) throws SQLException;

  /**
   * Lists a table's named indexes, leaving out the ones the database names itself.
   *
   * @param table the table
   * @return the indexes
   * @throws SQLException when the catalog cannot be read
   */
  Set<Index> indexes(String table) throws SQLException;

  /**
   * Lists the names of the triggers a schema change created on a table.
   *
   * @param table the table
   * @return the trigger names, without the database's internal ones
   * @throws SQLException when the catalog cannot be read
   */
  Set<String> triggers(String table) throws SQLException;
}
