package dev.hostdb.jdbc;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the repositories reach the database: writes run in a transaction on the writer (joining the
 * caller's transaction when there is one), reads go to the readers unless a transaction is open on
 * this thread, so that a transaction reads its own writes. Every Spring or driver exception leaves
 * here as a HostDB error.
 */
final class Sql {
  private final DataSource writer;
  private final JdbcClient writeClient;
  private final JdbcClient readClient;
  private final JdbcTemplate writeTemplate;
  private final JdbcTemplate readTemplate;
  private final TransactionTemplate transactions;
  private final ErrorTranslator errors;
  private final Dialect dialect;

  Sql(DataSource writer, DataSource reader, Dialect dialect) {
    this.writer = writer;
    this.writeClient = JdbcClient.create(writer);
    this.readClient = JdbcClient.create(reader);
    this.writeTemplate = new JdbcTemplate(writer);
    this.readTemplate = new JdbcTemplate(reader);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(writer));
    this.errors = new ErrorTranslator(dialect);
    this.dialect = dialect;
  }

  Dialect dialect() {
    return dialect;
  }

  /** Runs {@code work} in a transaction on the writer; {@code operation} names it in errors. */
  <T> T write(String operation, Function<JdbcClient, T> work) {
    return inTransaction(operation, () -> work.apply(writeClient));
  }

  /**
   * Runs one statement that writes: auto-committed on the writer, or inside the transaction open on
   * this thread. A single statement is atomic on its own, so it needs no transaction of its own,
   * which saves the round trip of a {@code COMMIT}.
   */
  <T> T writeStatement(String operation, Function<JdbcClient, T> statement) {
    if (TransactionSynchronizationManager.hasResource(writer)) {
      return write(operation, statement);
    }
    try {
      return statement.apply(writeClient);
    } catch (RuntimeException e) {
      throw errors.translate(operation, e);
    }
  }

  /** Runs a read on a reader, or in the thread's open transaction. */
  <T> T read(String operation, Function<JdbcClient, T> work) {
    JdbcClient client =
        TransactionSynchronizationManager.hasResource(writer) ? writeClient : readClient;
    try {
      return work.apply(client);
    } catch (RuntimeException e) {
      throw errors.translate(operation, e);
    }
  }

  /** Runs {@code work} on a plain connection, as {@link #read} chooses it. */
  <T> T readConnection(String operation, ConnectionCallback<T> work) {
    JdbcTemplate template =
        TransactionSynchronizationManager.hasResource(writer) ? writeTemplate : readTemplate;
    try {
      return template.execute(work);
    } catch (RuntimeException e) {
      throw errors.translate(operation, e);
    }
  }

  /**
   * Sends {@code rows} for one statement in batches of {@code batchSize}; call it inside {@link
   * #write} or {@link #inTransaction} so that the batches commit together.
   */
  void batch(String sql, List<Object[]> rows, int batchSize) {
    writeTemplate.batchUpdate(
        sql,
        rows,
        batchSize,
        (statement, row) -> {
          for (int i = 0; i < row.length; i++) {
            statement.setObject(i + 1, row[i]);
          }
        });
  }

  <T> T inTransaction(String operation, Supplier<T> work) {
    try {
      return transactions.execute(status -> work.get());
    } catch (RuntimeException e) {
      throw errors.translate(operation, e);
    }
  }
}
