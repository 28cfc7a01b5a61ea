package dev.hostdb.jdbc.tenantdb;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.StorageUnavailableException;
import dev.hostdb.jdbc.schema.MigrationResult;
import dev.hostdb.jdbc.schema.SchemaMigrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, migrates and drops the database that a tenant's URL ({@code core_tenants.db_url}) names.
 * Every operation may run again after a crash at any point and then finishes the work.
 *
 * <ul>
 *   <li>PostgreSQL: {@code CREATE DATABASE} and {@code DROP DATABASE} run in the server's
 *       maintenance database ({@code postgres} unless told otherwise) on the host and port of the
 *       tenant's URL, as the URL's user, outside any transaction. The database name must match
 *       {@value #POSTGRES_NAME}; it is then written double-quoted, never with any other text.
 *   <li>SQLite: the database is the URL's file; creating makes its folder and the file, dropping
 *       deletes it with its {@code -wal}, {@code -shm}, {@code -journal} and migration lock files.
 * </ul>
 *
 * <p>Credentials go to the driver as properties, never into a URL or a message.
 */
public final class TenantDatabases {
  /** The database names accepted on PostgreSQL: lower-case, unquoted-identifier style. */
  public static final String POSTGRES_NAME = "[a-z_][a-z0-9_]{0,62}";

  private static final Pattern NAME = Pattern.compile(POSTGRES_NAME);
  private static final Set<String> SERVER_DATABASES = Set.of("template0", "template1");
  private static final String JDBC_POSTGRES = "jdbc:postgresql:";
  private static final String DUPLICATE_DATABASE = "42P04";
  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  private static final List<String> SQLITE_SIDE_FILES =
      List.of("-wal", "-shm", "-journal", ".migration-lock");
  private static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(TenantDatabases.class);

  private TenantDatabases() {}

  /**
   * Where the database is, without credentials: {@code host:port/name} on PostgreSQL (the name
   * checked as {@link #POSTGRES_NAME}), the absolute file on SQLite. Two URLs with the same
   * location name the same database.
   *
   * @throws InvalidInputException naming the database name or the URL kind when it is not accepted
   */
  public static String location(DatabaseUrl url) {
    if (isSqlite(url)) {
      return sqliteFile(url).toString();
    }
    PostgresUrl parsed = PostgresUrl.parse(url);
    return parsed.hostAndPort().toLowerCase(Locale.ROOT) + "/" + parsed.database();
  }

  /**
   * Tells whether the database exists.
   *
   * @param maintenanceDatabase the PostgreSQL database to ask in, such as {@code postgres}
   * @throws InvalidInputException when the URL or the maintenance database name is not accepted
   * @throws StorageUnavailableException when the server cannot be asked
   */
  public static boolean exists(DatabaseUrl url, String maintenanceDatabase) {
    if (isSqlite(url)) {
      return Files.exists(sqliteFile(url));
    }
    PostgresUrl parsed = PostgresUrl.parse(url);
    String operation = "look up database " + parsed.database();
    try (Connection connection = parsed.connectTo(checkedMaintenance(maintenanceDatabase), url)) {
      return existsOn(connection, parsed.database());
    } catch (SQLException e) {
      throw failure(operation, url, e);
    }
  }

  /**
   * Creates the database unless it exists. A concurrent creation of the same database counts as
   * done.
   *
   * @param maintenanceDatabase the PostgreSQL database to run {@code CREATE DATABASE} in
   * @return whether this call created it
   * @throws InvalidInputException when the URL or the maintenance database name is not accepted;
   *     nothing is created
   * @throws StorageUnavailableException when the database cannot be created, for example because
   *     the URL's user may not create databases
   */
  public static boolean create(DatabaseUrl url, String maintenanceDatabase) {
    if (isSqlite(url)) {
      return createSqlite(url);
    }
    PostgresUrl parsed = PostgresUrl.parse(url);
    String maintenance = checkedMaintenance(maintenanceDatabase);
    requireTenantDatabase(parsed.database(), maintenance);
    String operation = "create database " + parsed.database();
    try (Connection connection = parsed.connectTo(maintenance, url)) {
      if (existsOn(connection, parsed.database())) {
        return false;
      }
      try (Statement statement = connection.createStatement()) {
        // CREATE DATABASE takes no parameters; the name matched POSTGRES_NAME above
        statement.execute("CREATE DATABASE " + quoted(parsed.database()));
      }
      LOG.info("Created database {} at {}", parsed.database(), url.masked());
      return true;
    } catch (SQLException e) {
      if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
        return false;
      }
      throw failure(operation, url, e);
    }
  }

  /**
   * Drops the database if it exists, ending the sessions still connected to it (PostgreSQL {@code
   * WITH (FORCE)}).
   *
   * @param maintenanceDatabase the PostgreSQL database to run {@code DROP DATABASE} in
   * @return whether it existed
   * @throws InvalidInputException when the URL or the maintenance database name is not accepted;
   *     nothing is dropped
   * @throws StorageUnavailableException when the database cannot be dropped
   */
  public static boolean drop(DatabaseUrl url, String maintenanceDatabase) {
    if (isSqlite(url)) {
      return dropSqlite(url);
    }
    PostgresUrl parsed = PostgresUrl.parse(url);
    String maintenance = checkedMaintenance(maintenanceDatabase);
    requireTenantDatabase(parsed.database(), maintenance);
    String operation = "drop database " + parsed.database();
    try (Connection connection = parsed.connectTo(maintenance, url)) {
      boolean existed = existsOn(connection, parsed.database());
      try (Statement statement = connection.createStatement()) {
        // DROP DATABASE takes no parameters; the name matched POSTGRES_NAME above
        statement.execute("DROP DATABASE IF EXISTS " + quoted(parsed.database()) + " WITH (FORCE)");
      }
      if (existed) {
        LOG.info("Dropped database {} at {}", parsed.database(), url.masked());
      }
      return existed;
    } catch (SQLException e) {
      throw failure(operation, url, e);
    }
  }

  /**
   * Applies the changesets of {@code changelog} that have not yet run on the database, as {@link
   * SchemaMigrator#migrate(Connection, String, ClassLoader)} does: one at a time across processes,
   * resuming after a killed migration.
   *
   * @throws InvalidInputException when the URL is not accepted
   * @throws StorageUnavailableException when the database cannot be reached or a changeset fails
   */
  public static MigrationResult migrate(DatabaseUrl url, String changelog, ClassLoader resources) {
    String operation = "migrate the database";
    String jdbcUrl = isSqlite(url) ? url.jdbcUrl() : PostgresUrl.parse(url).jdbcUrl();
    try (Connection connection = DriverManager.getConnection(jdbcUrl, properties(url))) {
      return SchemaMigrator.migrate(connection, changelog, resources);
    } catch (SQLException e) {
      throw failure(operation, url, e);
    }
  }

  private static boolean isSqlite(DatabaseUrl url) {
    if (url == null) {
      throw new InvalidInputException("database url", "is required");
    }
    if ("sqlite".equals(url.kind())) {
      return true;
    }
    if ("postgresql".equals(url.kind())) {
      return false;
    }
    throw new InvalidInputException(
        "database url", "a tenant database is PostgreSQL or SQLite, not " + url.kind());
  }

  private static boolean existsOn(Connection connection, String database) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      statement.setString(1, database);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static String checkedMaintenance(String maintenanceDatabase) {
    if (maintenanceDatabase == null || !NAME.matcher(maintenanceDatabase).matches()) {
      throw new InvalidInputException(
          "maintenance database", "expected a name matching " + POSTGRES_NAME);
    }
    return maintenanceDatabase;
  }

  private static void requireTenantDatabase(String database, String maintenance) {
    if (database.equals(maintenance) || SERVER_DATABASES.contains(database)) {
      throw new InvalidInputException(
          "database url",
          "database name '"
              + database
              + "' is the server's own (maintenance or template database), not a tenant's");
    }
  }

  private static String quoted(String checkedName) {
    return '"' + checkedName + '"';
  }

  private static Properties properties(DatabaseUrl url) {
    Properties properties = new Properties();
    if (url.user() != null) {
      properties.setProperty("user", url.user());
    }
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    if ("sqlite".equals(url.kind())) {
      properties.setProperty("foreign_keys", "true");
      properties.setProperty("journal_mode", "WAL");
      properties.setProperty("synchronous", "FULL");
      properties.setProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT.toMillis()));
    }
    return properties;
  }

  /** The file a SQLite URL names, absolute; {@code file:} and URI parameters left out. */
  private static Path sqliteFile(DatabaseUrl url) {
    String path = url.sqlitePath();
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
    }
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.isBlank()) {
      throw new InvalidInputException("database url", "a SQLite tenant database needs a file");
    }
    return Path.of(path).toAbsolutePath().normalize();
  }

  private static boolean createSqlite(DatabaseUrl url) {
    Path file = sqliteFile(url);
    boolean existed = Files.exists(file);
    try {
      Path folder = file.getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
    } catch (IOException e) {
      throw new StorageUnavailableException(
          "create database " + file + ": cannot create its folder: " + e.getMessage(), e);
    }
    // switching to WAL writes the file's header: no empty file is left behind
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), properties(url));
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
      if (!existed) {
        LOG.info("Created database {}", file);
      }
      return !existed;
    } catch (SQLException e) {
      throw failure("create database " + file, url, e);
    }
  }

  private static boolean dropSqlite(DatabaseUrl url) {
    Path file = sqliteFile(url);
    try {
      // the side files go first: a crash in between leaves the main file, so a retry runs again
      for (String suffix : SQLITE_SIDE_FILES) {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      }
      boolean existed = Files.deleteIfExists(file);
      if (existed) {
        LOG.info("Dropped database {}", file);
      }
      return existed;
    } catch (IOException e) {
      throw new StorageUnavailableException(
          "drop database " + file + ": cannot delete it: " + e.getMessage(), e);
    }
  }

  private static StorageUnavailableException failure(
      String operation, DatabaseUrl url, SQLException e) {
    String hint =
        INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())
            ? " (the URL's user needs the CREATEDB privilege, or to own the database)"
            : "";
    return new StorageUnavailableException(
        operation
            + " at "
            + url.masked()
            + ": "
            + e.getMessage()
            + " (SQLState "
            + e.getSQLState()
            + ")"
            + hint,
        e);
  }

  /**
   * A PostgreSQL JDBC URL taken apart: {@code jdbc:postgresql://hosts/database?params} or {@code
   * jdbc:postgresql:database?params}.
   */
  private record PostgresUrl(String hostAndPort, String database, String params) {
    static PostgresUrl parse(DatabaseUrl url) {
      String rest = url.jdbcUrl().substring(JDBC_POSTGRES.length());
      String hosts = "";
      if (rest.startsWith("//")) {
        int slash = rest.indexOf('/', 2);
        if (slash < 0) {
          throw new InvalidInputException("database url", "names no database");
        }
        hosts = rest.substring(2, slash);
        rest = rest.substring(slash + 1);
      }
      int query = rest.indexOf('?');
      String database = query < 0 ? rest : rest.substring(0, query);
      String params = query < 0 ? "" : rest.substring(query);
      if (!NAME.matcher(database).matches()) {
        throw new InvalidInputException(
            "database url",
            "database name '"
                + database
                + "' is not accepted for a tenant database; use lower-case letters, digits and _"
                + " (matching "
                + POSTGRES_NAME
                + ")");
      }
      return new PostgresUrl(hosts, database, params);
    }

    String jdbcUrl() {
      return jdbcUrlOf(database);
    }

    private String jdbcUrlOf(String name) {
      return JDBC_POSTGRES
          + (hostAndPort.isEmpty() ? "" : "//" + hostAndPort + "/")
          + name
          + params;
    }

    Connection connectTo(String maintenance, DatabaseUrl url) throws SQLException {
      return DriverManager.getConnection(jdbcUrlOf(maintenance), properties(url));
    }
  }
}
