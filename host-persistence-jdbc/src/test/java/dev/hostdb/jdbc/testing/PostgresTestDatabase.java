package dev.hostdb.jdbc.testing;

import dev.hostdb.domain.DatabaseUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/** An empty database of one test on the {@link PostgresTestServer}; closing it drops it. */
public final class PostgresTestDatabase implements AutoCloseable {
  private final PostgresTestServer.Admin server;
  private final String name;

  PostgresTestDatabase(PostgresTestServer.Admin server, String name) {
    this.server = server;
    this.name = name;
  }

  /**
   * Names the database.
   *
   * @return e.g. {@code hostdb_test_0123456789abcdef}
   */
  public String name() {
    return name;
  }

  /**
   * Tells how HostDB reaches the database.
   *
   * @return a JDBC URL with the server's credentials
   */
  public DatabaseUrl url() {
    return DatabaseUrl.parse(withUser(server.jdbcUrl(name), server.password()));
  }

  /**
   * Tells how HostDB reaches the database with another password, which a server with trust
   * authentication ignores.
   *
   * @param password the password to put in the URL
   * @return a reference-form URL, {@code postgresql://user:password@host:port/name}
   */
  public DatabaseUrl urlWithPassword(String password) {
    return DatabaseUrl.parse(
        "postgresql://"
            + encode(server.user() == null ? "postgres" : server.user())
            + ":"
            + encode(password)
            + "@"
            + server.hostAndPort()
            + "/"
            + name
            + server.query());
  }

  /**
   * Connects to the database.
   *
   * @return a new auto-commit connection; the caller closes it
   * @throws SQLException when the server refuses
   */
  public Connection connect() throws SQLException {
    return server.connect(name);
  }

  /**
   * Runs one statement as the administrator, in the server's administration database.
   *
   * @param sql e.g. {@code SELECT pg_terminate_backend(...)}
   */
  public void executeAsAdmin(String sql) {
    server.execute(sql);
  }

  /** Drops the database, ending the sessions still connected to it. */
  @Override
  public void close() {
    server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private String withUser(String jdbcUrl, String password) {
    String separator = jdbcUrl.contains("?") ? "&" : "?";
    String user = server.user() == null ? "" : "user=" + encode(server.user());
    String secret = password == null ? "" : "&password=" + encode(password);
    return user.isEmpty() ? jdbcUrl : jdbcUrl + separator + user + secret;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return name;
  }
}
