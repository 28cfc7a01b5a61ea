package dev.hostdb.jdbc.schema;

import dev.hostdb.domain.rule.AuditChain;
import dev.hostdb.domain.rule.AuditChain.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * Chains the audit entries that exist when the changeset {@code chain-sys-audit-logs} runs (written
 * by the Python reference or an earlier HostDB), once, in {@code (created_at, id)} order, on the
 * changeset's own connection and transaction: a failure leaves them unchained and the changeset
 * pending.
 *
 * <p>Liquibase creates it by reflection from the changelog; it is not meant to be called.
 */
public final class ChainExistingAuditEntries implements CustomTaskChange {
  private static final int BATCH_SIZE = 1000;

  private int chained;

  /** Liquibase's constructor. */
  public ChainExistingAuditEntries() {}

  @Override
  public void execute(Database database) throws CustomChangeException {
    Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    try {
      chained = chain(connection, unchainedRows(connection));
    } catch (SQLException e) {
      throw new CustomChangeException(
          "chaining existing sys_audit_logs entries failed (SQLState " + e.getSQLState() + ")", e);
    }
  }

  private static List<Row> unchainedRows(Connection connection) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select =
            connection.prepareStatement(
                """
                SELECT id, actor_user_id, event_type, target_id, details, ip_address, created_at
                  FROM sys_audit_logs WHERE seq IS NULL ORDER BY created_at, id
                """);
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        rows.add(
            Row.unchained(
                rs.getString("id"),
                rs.getString("actor_user_id"),
                rs.getString("event_type"),
                rs.getString("target_id"),
                rs.getString("details"),
                rs.getString("ip_address"),
                rs.getString("created_at")));
      }
    }
    return rows;
  }

  private static int chain(Connection connection, List<Row> rows) throws SQLException {
    long seq = 0;
    String hash = AuditChain.GENESIS;
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE sys_audit_logs SET seq = ?, prev_hash = ?, entry_hash = ? WHERE id = ?")) {
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i).linkedAfter(seq, hash);
        update.setLong(1, row.seq());
        update.setString(2, row.prevHash());
        update.setString(3, row.entryHash());
        update.setString(4, row.id());
        update.addBatch();
        if ((i + 1) % BATCH_SIZE == 0) {
          update.executeBatch();
        }
        seq = row.seq();
        hash = row.entryHash();
      }
      update.executeBatch();
    }
    return rows.size();
  }

  @Override
  public String getConfirmationMessage() {
    return "Chained " + chained + " existing sys_audit_logs entries";
  }

  @Override
  public void setUp() {
    // nothing to prepare: the change has no parameters
  }

  @Override
  public void setFileOpener(ResourceAccessor resourceAccessor) {
    // reads no files
  }

  @Override
  public ValidationErrors validate(Database database) {
    return new ValidationErrors();
  }
}
