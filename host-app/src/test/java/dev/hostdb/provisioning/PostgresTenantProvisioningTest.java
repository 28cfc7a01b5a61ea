package dev.hostdb.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.StorageUnavailableException;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import dev.hostdb.jdbc.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Provisioning on PostgreSQL: tenant databases on the host database's server. */
class PostgresTenantProvisioningTest extends TenantProvisioningTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  private PostgresTestDatabase host;

  @Override
  DatabaseUrl hostUrl() {
    host = DATABASES.create();
    return host.url();
  }

  @Override
  DatabaseUrl newTenantDatabaseUrl() {
    String name = "hostdb_tenant_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return DatabaseUrl.parse(host.url().reveal().replace("/" + host.name(), "/" + name));
  }

  @Override
  boolean databaseExists(DatabaseUrl url) throws SQLException {
    return databaseCount(url.jdbcUrl().replaceAll(".*/([^/?]*).*", "$1")) > 0;
  }

  @Test
  void rejects_a_database_name_that_is_not_a_plain_identifier_and_creates_nothing()
      throws SQLException {
    Tenant bad = newTenant(DatabaseUrl.parse("postgresql://u@h/bad-name\"; drop"));
    Tenant upper = newTenant(DatabaseUrl.parse(host.url().reveal().replace(host.name(), "Acme")));

    assertThatThrownBy(() -> provisioning.provision(bad.id()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'bad-name\"; drop'");
    assertThatThrownBy(() -> provisioning.provision(upper.id()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'Acme'");

    assertThat(databaseCount("bad-name%")).isZero();
    assertThat(databaseCount("acme")).isZero();
    assertThat(databaseCount("Acme")).isZero();
    assertThat(provisioning.provisionedAt(bad.id())).isEmpty();
    assertThat(db.auditLog().forTarget(bad.id().value(), 10)).isEmpty();
  }

  @Test
  void refuses_the_servers_own_databases() {
    Tenant maintenance =
        newTenant(DatabaseUrl.parse(host.url().reveal().replace(host.name(), "postgres")));
    Tenant template =
        newTenant(DatabaseUrl.parse(host.url().reveal().replace(host.name(), "template1")));

    assertThatThrownBy(() -> provisioning.provision(maintenance.id()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'postgres'");
    assertThatThrownBy(() -> provisioning.provision(template.id()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'template1'");
    assertThat(provisioning.provisionedAt(maintenance.id())).isEmpty();
  }

  @Test
  void a_user_without_createdb_gets_a_storage_error_that_names_the_privilege_but_no_password()
      throws SQLException {
    String role =
        "hostdb_nocreate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    host.executeAsAdmin("CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD 'n0t-shown'");
    try {
      String name = newTenantDatabaseUrl().jdbcUrl().replaceAll(".*/([^/?]*).*", "$1");
      DatabaseUrl url =
          DatabaseUrl.parse("postgresql://" + role + ":n0t-shown@" + hostAndPort() + "/" + name);
      Tenant acme = newTenant(url);

      assertThatThrownBy(() -> provisioning.provision(acme.id()))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessageContaining("42501")
          .hasMessageContaining("CREATEDB")
          .hasMessageNotContaining("n0t-shown");

      assertThat(databaseCount(name)).isZero();
      assertThat(provisioning.provisionedAt(acme.id())).isEmpty();
    } finally {
      host.executeAsAdmin("DROP ROLE " + role);
    }
  }

  private String hostAndPort() {
    return host.url().jdbcUrl().replaceAll("jdbc:postgresql://([^/]*)/.*", "$1");
  }

  private long databaseCount(String namePattern) throws SQLException {
    try (Connection connection = host.connect();
        PreparedStatement statement =
            connection.prepareStatement("SELECT COUNT(*) FROM pg_database WHERE datname LIKE ?")) {
      statement.setString(1, namePattern);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
