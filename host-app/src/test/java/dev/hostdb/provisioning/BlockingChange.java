package dev.hostdb.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CountDownLatch;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * A tenant changeset written in Java: it adds one row to {@code notes}, so that a test counts how
 * often it ran. In a process whose environment names a marker file in {@value #MARKER_VARIABLE}, it
 * first creates that file and then blocks for good, inside its changeset's transaction, so that the
 * test kills the process there.
 */
public final class BlockingChange implements CustomTaskChange {
  /** The environment variable naming the marker file; unset, the change does not block. */
  public static final String MARKER_VARIABLE = "HOSTDB_TEST_BLOCK_MARKER";

  @Override
  public void execute(Database database) throws CustomChangeException {
    String marker = System.getenv(MARKER_VARIABLE);
    try {
      if (marker != null) {
        Files.writeString(Path.of(marker), "blocked");
        new CountDownLatch(1).await(); // until the process is killed
      }
      Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO notes (id, body) VALUES (?, ?)")) {
        insert.setString(1, "custom");
        insert.setString(2, "written by the Java changeset");
        insert.executeUpdate();
      }
    } catch (Exception e) {
      throw new CustomChangeException("the test changeset failed", e);
    }
  }

  @Override
  public String getConfirmationMessage() {
    return "noted the run";
  }

  @Override
  public void setUp() {}

  @Override
  public void setFileOpener(ResourceAccessor resourceAccessor) {}

  @Override
  public ValidationErrors validate(Database database) {
    return new ValidationErrors();
  }
}
