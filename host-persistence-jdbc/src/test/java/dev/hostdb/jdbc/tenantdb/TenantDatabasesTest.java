package dev.hostdb.jdbc.tenantdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link TenantDatabases} accepts before it connects anywhere, and SQLite files; creating and
 * dropping PostgreSQL databases is tested through the provisioning service in host-app.
 */
class TenantDatabasesTest {
  @TempDir Path folder;

  @Test
  void locates_a_database_by_server_and_name_without_credentials() {
    assertThat(
            TenantDatabases.location(DatabaseUrl.parse("postgresql://app:s3cret@DB1:5432/acme_1")))
        .isEqualTo("db1:5432/acme_1");
    assertThat(
            TenantDatabases.location(
                DatabaseUrl.parse("jdbc:postgresql://db1/acme?user=app&password=s3cret&ssl=true")))
        .isEqualTo("db1/acme");
    assertThat(
            TenantDatabases.location(
                DatabaseUrl.sqliteFile(folder.resolve("a/../t.db").toString())))
        .isEqualTo(folder.resolve("t.db").toAbsolutePath().toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://u@h/bad-name\"; drop",
        "postgresql://u@h/Acme",
        "postgresql://u@h/acme%20x",
        "postgresql://u@h/1acme",
        "postgresql://u@h/",
        "postgresql://u@h",
        "jdbc:postgresql://h/a\"b"
      })
  void refuses_a_database_name_that_is_not_a_plain_identifier_before_connecting(String url) {
    DatabaseUrl tenant = DatabaseUrl.parse(url);

    // host h does not resolve: an attempt to connect would be a StorageUnavailableException
    assertThatThrownBy(() -> TenantDatabases.create(tenant, "postgres"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("database url");
    assertThatThrownBy(() -> TenantDatabases.drop(tenant, "postgres"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void refuses_a_name_longer_than_postgresql_keeps() {
    DatabaseUrl tenant = DatabaseUrl.parse("postgresql://u@h/" + "a".repeat(64));

    assertThatThrownBy(() -> TenantDatabases.create(tenant, "postgres"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a".repeat(64));
  }

  @Test
  void refuses_the_servers_own_databases_and_a_bad_maintenance_database() {
    assertThatThrownBy(
            () -> TenantDatabases.drop(DatabaseUrl.parse("postgresql://u@h/postgres"), "postgres"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'postgres'");
    assertThatThrownBy(
            () -> TenantDatabases.drop(DatabaseUrl.parse("postgresql://u@h/template0"), "postgres"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'template0'");
    assertThatThrownBy(
            () -> TenantDatabases.create(DatabaseUrl.parse("postgresql://u@h/acme"), "x\"; drop"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maintenance database");
  }

  @Test
  void creates_a_sqlite_file_in_a_new_folder_once_and_drops_it_with_its_side_files()
      throws Exception {
    Path file = folder.resolve("tenants/acme/acme.db");
    DatabaseUrl url = DatabaseUrl.sqliteFile(file.toString());

    boolean created = TenantDatabases.create(url, "postgres");
    boolean createdAgain = TenantDatabases.create(url, "postgres");
    List<Path> sideFiles =
        List.of(
            Path.of(file + "-wal"),
            Path.of(file + "-shm"),
            Path.of(file + "-journal"),
            Path.of(file + ".migration-lock"));
    for (Path side : sideFiles) {
      Files.writeString(side, "left over");
    }
    boolean existedBeforeDrop = TenantDatabases.exists(url, "postgres");
    boolean dropped = TenantDatabases.drop(url, "postgres");
    boolean droppedAgain = TenantDatabases.drop(url, "postgres");

    assertThat(created).isTrue();
    assertThat(createdAgain).isFalse();
    assertThat(existedBeforeDrop).isTrue();
    assertThat(dropped).isTrue();
    assertThat(droppedAgain).isFalse();
    assertThat(file).doesNotExist();
    assertThat(sideFiles).allSatisfy(side -> assertThat(side).doesNotExist());
    assertThat(TenantDatabases.exists(url, "postgres")).isFalse();
  }
}
