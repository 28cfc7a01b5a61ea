package dev.hostdb.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader pool reads the host tables and refuses every write. */
class SqliteReaderPoolTest {
  @TempDir Path dir;

  @Test
  void reader_connections_read_but_refuse_writes() throws SQLException {
    try (HostStore store = SqliteContractTest.open(dir)) {
      assertThat(store.users().count()).isZero();
    }

    try (HikariDataSource readers =
            SqliteHostStoreProvider.pool(
                "reader", dir.resolve("host.db"), StoreSettings.defaults(), 1, true);
        Connection connection = readers.getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM core_users")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isZero();
      }
      assertThatThrownBy(
              () ->
                  statement.executeUpdate(
                      "INSERT INTO sys_jobs (id, job_type, status, created_at)"
                          + " VALUES ('x', 't', 'pending', 'now')"))
          .isInstanceOf(SQLException.class);
    }
  }
}
