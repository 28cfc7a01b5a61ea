package dev.hostdb.jdbc.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Tenant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Tenants spread over two real PostgreSQL servers, each tenant reaching its own database with a
 * password that must travel to the server (scram-sha-256) and never into a log line.
 */
class TenantDataSourcesPostgresTest {
  private static final String USER = "tenant_app";
  private static final String PASSWORD = "Pw:@/?&secret-" + System.nanoTime();
  private static final int TENANTS_PER_SERVER = 10;

  private static final List<EmbeddedPostgres> SERVERS = new ArrayList<>();

  /** Where each tenant must land: its database name and its server's port. */
  private record Home(String database, int port) {}

  @BeforeAll
  static void startTwoServers() throws Exception {
    for (int server = 0; server < 2; server++) {
      // a failure to start fails the test: routing over several servers is not optional
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectoryCustomizer(TenantDataSourcesPostgresTest::passwordsForTenants)
              .start();
      SERVERS.add(postgres);
      admin(postgres, "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
      for (int i = 0; i < TENANTS_PER_SERVER; i++) {
        admin(postgres, "CREATE DATABASE tenant_" + server + "_" + i + " OWNER " + USER);
      }
    }
  }

  @AfterAll
  static void stopServers() throws IOException {
    for (EmbeddedPostgres server : SERVERS) {
      server.close();
    }
  }

  /** The administrator connects without a password; the tenants' role must give one. */
  private static void passwordsForTenants(java.io.File dataDirectory) {
    try {
      Files.writeString(
          dataDirectory.toPath().resolve("pg_hba.conf"),
          String.join(
              "\n",
              "local all all trust",
              "host all postgres 127.0.0.1/32 trust",
              "host all postgres ::1/128 trust",
              "host all all 127.0.0.1/32 scram-sha-256",
              "host all all ::1/128 scram-sha-256",
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void admin(EmbeddedPostgres server, String sql) throws SQLException {
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Test
  void routes_tenants_on_two_servers_each_to_its_own_database_and_never_logs_the_password()
      throws Exception {
    InMemoryTenants catalog = new InMemoryTenants();
    Map<Tenant, Home> homes = new LinkedHashMap<>();
    for (int server = 0; server < SERVERS.size(); server++) {
      int port = SERVERS.get(server).getPort();
      for (int i = 0; i < TENANTS_PER_SERVER; i++) {
        String database = "tenant_" + server + "_" + i;
        DatabaseUrl url =
            i % 2 == 0
                ? DatabaseUrl.postgres("localhost", port, database, USER, PASSWORD)
                : DatabaseUrl.parse(
                    "jdbc:postgresql://localhost:"
                        + port
                        + "/"
                        + database
                        + "?user="
                        + USER
                        + "&password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
        homes.put(catalog.add(database, url), new Home(database, port));
      }
    }
    ListAppender<ILoggingEvent> log = captureEverything();
    List<String> shown = new ArrayList<>();

    try (TenantDataSources routing = TenantDataSources.create(catalog)) {
      for (Map.Entry<Tenant, Home> tenant : homes.entrySet()) {
        DataSource dataSource = routing.dataSourceFor(tenant.getKey().id());
        try (Connection connection = dataSource.getConnection();
            Statement statement = connection.createStatement();
            ResultSet row =
                statement.executeQuery(
                    "SELECT current_database(), inet_server_port(), current_user")) {
          row.next();

          assertThat(new Home(row.getString(1), row.getInt(2))).isEqualTo(tenant.getValue());
          assertThat(row.getString(3)).isEqualTo(USER);
          shown.add(connection.toString());
        }
        shown.add(dataSource.toString());
        shown.add(tenant.getKey().toString());
      }
      shown.add(routing.toString());
      shown.add(routing.routingDataSource().toString());
      assertThat(routing.stats().openPools()).isEqualTo(2 * TENANTS_PER_SERVER);
    } finally {
      stopCapturing(log);
    }

    List<String> lines = new ArrayList<>(shown);
    for (ILoggingEvent event : log.list) {
      lines.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    assertThat(log.list).as("the pools' log at TRACE was captured").hasSizeGreaterThan(20);
    assertThat(String.join("\n", lines))
        .contains("hostdb-tenant-")
        .doesNotContain(PASSWORD)
        .doesNotContain(URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
  }

  @Test
  void a_wrong_password_is_refused_by_the_server_and_not_repeated_in_the_error() {
    InMemoryTenants catalog = new InMemoryTenants();
    String wrong = "not-the-password-" + System.nanoTime();
    Tenant tenant =
        catalog.add(
            "tenant_0_0",
            DatabaseUrl.postgres("localhost", SERVERS.get(0).getPort(), "tenant_0_0", USER, wrong));

    try (TenantDataSources routing = TenantDataSources.create(catalog)) {
      DataSource dataSource = routing.dataSourceFor(tenant.id());

      assertThatThrownBy(dataSource::getConnection)
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrong));
    }
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter text = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(text));
    return text.toString();
  }

  private static ListAppender<ILoggingEvent> captureEverything() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.TRACE);
    return appender;
  }

  private static void stopCapturing(ListAppender<ILoggingEvent> appender) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    root.setLevel(Level.WARN);
    appender.stop();
  }
}
