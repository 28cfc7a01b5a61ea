package dev.hostdb.jdbc.schema;

import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.HostDbException;
import dev.hostdb.domain.error.StorageUnavailableException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a host database, SQLite or PostgreSQL, to the current schema with the Liquibase changelog
 * {@value #CHANGELOG}.
 *
 * <p>An empty database and one that the Python reference code created take the same path: each
 * table is first created in the reference's shape (skipped when it exists), then constrained.
 * Before anything runs, the rows already stored are checked against every constraint that a pending
 * changeset adds; when some violate one, the migration is refused and nothing is changed.
 *
 * <p>Liquibase runs offline and quietly: no console output (its log goes to SLF4J, mostly at
 * DEBUG), no analytics.
 *
 * <p>Migrations of one database run one at a time, across threads and processes: PostgreSQL
 * serialises them with a session-level advisory lock on the migration connection, SQLite with an OS
 * file lock on {@code <database>.migration-lock} next to the database file. Both go away when their
 * holder dies, so a process killed halfway through a migration never blocks the next start; the
 * Liquibase lock row such a process leaves behind is released by the next migration, which is safe
 * because only the holder of the lock above gets that far. Whoever waited for the lock finds the
 * schema applied and changes nothing.
 *
 * <p><b>NOTE:</b> each changeset runs and commits in its own transaction. A changeset that fails is
 * rolled back entirely, but the changesets before it stay applied; the next call resumes from the
 * failed one. The migrator never changes SQLite PRAGMAs: with {@code foreign_keys=ON} the order of
 * the table rebuilds keeps every foreign key satisfied.
 *
 * <p><b>Limitations:</b>
 *
 * <ul>
 *   <li>{@code core_users.email_normalized} of existing rows is filled with SQL {@code
 *       lower(trim(email))}: SQLite folds only ASCII letters, PostgreSQL folds by the database's
 *       locale, so two addresses that differ only in a non-ASCII letter's case collide on
 *       PostgreSQL only. New rows must get the value from the application.
 *   <li>A SQLite rebuild drops the old table, which {@code foreign_keys=ON} forbids once a
 *       referencing table holds rows. The rebuilds here run before any foreign key exists; a later
 *       change to {@code core_users} or {@code core_tenants} on SQLite needs another way.
 *   <li>The lock waits as long as its holder lives: a migration that hangs without dying blocks the
 *       next start until it is killed; a process killed mid-migration releases it with its session
 *       or file handle, and the next start resumes from the interrupted changeset.
 *   <li>The row check mirrors the constraints of the changelog in Java ({@code ExistingRowsCheck});
 *       a new constraint needs a rule there as well.
 * </ul>
 */
public final class SchemaMigrator {

  /** Classpath location of the changelog. */
  public static final String CHANGELOG = "dev/hostdb/jdbc/schema/changelog.xml";

  /** What {@link #currentVersion(Connection)} returns for a database no changeset ran on. */
  public static final String NO_VERSION = "none";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
  private static final Set<String> SUPPORTED = Set.of("sqlite", "postgresql");
  private static final String[] HISTORY_TABLE = {"DATABASECHANGELOG", "databasechangelog"};

  private SchemaMigrator() {}

  /**
   * Applies every changeset that has not run yet.
   *
   * <p>The connection stays open and gets back its auto-commit mode; it must not be inside a
   * transaction of the caller, because each changeset commits.
   *
   * @param connection an open connection to a SQLite or PostgreSQL database
   * @return the versions before and after, and the changesets applied
   * @throws ConflictException when stored rows violate a constraint that would be added; the
   *     message names each constraint, its table, the number of rows and up to three ids
   * @throws StorageUnavailableException when the database is not supported or a changeset fails;
   *     the message names the changeset
   */
  public static MigrationResult migrate(Connection connection) {
    return migrate(connection, Target.HOST);
  }

  /**
   * Applies every changeset of an application's own changelog that has not run yet, such as the
   * schema of a tenant's database, under the same lock and with the same recovery from a killed
   * migration as the host schema. No row check runs: the changelog's constraints are the
   * application's.
   *
   * <p>The database keeps its own {@code DATABASECHANGELOG}; do not run it on the host database,
   * whose history it would mix with the host schema's.
   *
   * @param connection an open connection, outside any transaction of the caller
   * @param changelog the changelog's classpath location, such as {@code db/tenant-changelog.xml}
   * @param resources the class loader that finds the changelog and the files it includes
   * @return the versions before and after, and the changesets applied
   * @throws StorageUnavailableException when the database is not supported or a changeset fails;
   *     the message names the changelog and the changeset
   */
  public static MigrationResult migrate(
      Connection connection, String changelog, ClassLoader resources) {
    return migrate(
        connection, new Target(changelog, resources, false, "schema of changelog " + changelog));
  }

  private static MigrationResult migrate(Connection connection, Target target) {
    MigrationLock lock = MigrationLock.acquire(connection);
    try {
      return migrateLocked(connection, target);
    } finally {
      lock.close();
    }
  }

  private static MigrationResult migrateLocked(Connection connection, Target target) {
    String from = currentVersion(connection);
    Progress progress = new Progress();
    boolean autoCommit = autoCommit(connection);
    try {
      Scope.child(quietLiquibase(), () -> update(connection, target, progress));
    } catch (HostDbException e) {
      throw e;
    } catch (Exception e) {
      throw failure(target, progress, e);
    } finally {
      restoreAutoCommit(connection, autoCommit);
    }

    MigrationResult result =
        new MigrationResult(from, currentVersion(connection), progress.applied);
    if (result.changed()) {
      LOG.info(
          "Migrated {} from {} to {} ({} changesets)",
          target.description(),
          result.fromVersion(),
          result.toVersion(),
          result.appliedChangeSets().size());
    } else {
      LOG.debug("{} is up to date at {}", target.description(), result.toVersion());
    }
    return result;
  }

  /**
   * Tells which changeset was applied last.
   *
   * @param connection an open connection to a SQLite or PostgreSQL database
   * @return the id of the changeset with the highest execution order, or {@link #NO_VERSION}
   * @throws StorageUnavailableException when the history cannot be read
   */
  public static String currentVersion(Connection connection) {
    try {
      String table = historyTable(connection);
      if (table == null) {
        return NO_VERSION;
      }

      String sql = "SELECT id FROM " + table + " ORDER BY orderexecuted DESC, dateexecuted DESC";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setMaxRows(1);
        try (ResultSet rows = statement.executeQuery()) {
          return rows.next() ? rows.getString(1) : NO_VERSION;
        }
      }
    } catch (SQLException e) {
      throw new StorageUnavailableException(
          "Could not read the schema version: " + e.getMessage(), e);
    }
  }

  private static void update(Connection connection, Target target, Progress progress)
      throws Exception {
    Database database =
        DatabaseFactory.getInstance()
            .findCorrectDatabaseImplementation(new JdbcConnection(connection));
    String dbms = database.getShortName();
    if (!SUPPORTED.contains(dbms)) {
      throw new StorageUnavailableException(
          "Cannot migrate the "
              + target.description()
              + " on "
              + dbms
              + ": only SQLite and PostgreSQL are supported");
    }

    releaseStaleLiquibaseLock(connection, database);
    Liquibase liquibase =
        new Liquibase(
            target.changelog(), new ClassLoaderResourceAccessor(target.resources()), database);
    Set<String> pending = new HashSet<>();
    for (ChangeSet changeSet :
        liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression(), false)) {
      pending.add(changeSet.getId());
    }
    if (pending.isEmpty()) {
      return;
    }

    if (target.checkHostRows()) {
      ExistingRowsCheck.verify(connection, pending, dbms, table -> tableExists(connection, table));
    }
    liquibase.setChangeExecListener(progress);
    liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
    liquibase.update(new Contexts(), new LabelExpression());
  }

  /**
   * Clears Liquibase's lock row when it is set. Only the holder of the {@link MigrationLock} gets
   * here, so a set row was left by a process that died while migrating; Liquibase would otherwise
   * wait five minutes for it and fail.
   */
  private static void releaseStaleLiquibaseLock(Connection connection, Database database)
      throws Exception {
    if (!tableExists(connection, "databasechangeloglock")) {
      return;
    }
    // read by hand: Liquibase's own listLocks() fails on a lock row whose date it cannot parse
    String holder = null;
    boolean locked = false;
    String sql = "SELECT lockedby FROM databasechangeloglock WHERE locked = TRUE";
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        locked = true;
        holder = rows.getString(1);
      }
    }
    if (locked) {
      LOG.warn(
          "Releasing the Liquibase lock left by {}: that migration is no longer running", holder);
      LockServiceFactory.getInstance().getLockService(database).forceReleaseLock();
    }
  }

  private static Map<String, Object> quietLiquibase() {
    Map<String, Object> values = new HashMap<>();
    values.put(Scope.Attr.ui.name(), new LoggerUIService());
    values.put(Scope.Attr.logService.name(), new Slf4jLogService());
    values.put(AnalyticsArgs.ENABLED.getKey(), Boolean.FALSE);
    return values;
  }

  private static StorageUnavailableException failure(
      Target target, Progress progress, Exception error) {
    String where =
        progress.running == null
            ? "before any changeset ran"
            : "at changeset " + progress.running + ", which was rolled back";
    return new StorageUnavailableException(
        "Could not migrate the " + target.description() + " " + where + ": " + rootMessage(error),
        error);
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
  }

  private static String historyTable(Connection connection) throws SQLException {
    for (String name : HISTORY_TABLE) {
      if (tableExistsOrThrow(connection, name)) {
        return name;
      }
    }
    return null;
  }

  private static boolean tableExists(Connection connection, String table) {
    try {
      return tableExistsOrThrow(connection, table)
          || tableExistsOrThrow(connection, table.toUpperCase(Locale.ROOT));
    } catch (SQLException e) {
      throw new StorageUnavailableException("Could not look up table " + table, e);
    }
  }

  private static boolean tableExistsOrThrow(Connection connection, String table)
      throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    try (ResultSet tables =
        metaData.getTables(null, connection.getSchema(), table, new String[] {"TABLE"})) {
      return tables.next();
    }
  }

  private static boolean autoCommit(Connection connection) {
    try {
      return connection.getAutoCommit();
    } catch (SQLException e) {
      throw new StorageUnavailableException(
          "Could not migrate the host schema: " + e.getMessage(), e);
    }
  }

  private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
    try {
      if (!connection.isClosed() && connection.getAutoCommit() != autoCommit) {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      LOG.warn("Could not restore auto-commit after the schema migration", e);
    }
  }

  /**
   * What to migrate: the changelog, where its files are found, whether stored rows are checked
   * against the host schema's constraints first, and how messages name it.
   */
  private record Target(
      String changelog, ClassLoader resources, boolean checkHostRows, String description) {
    static final Target HOST =
        new Target(CHANGELOG, SchemaMigrator.class.getClassLoader(), true, "host schema");
  }

  /** Records which changeset is running and which ones were applied. */
  private static final class Progress extends AbstractChangeExecListener {
    private final List<String> applied = new ArrayList<>();
    private String running;

    @Override
    public void willRun(
        ChangeSet changeSet,
        DatabaseChangeLog changeLog,
        Database database,
        ChangeSet.RunStatus runStatus) {
      running = changeSet.getId();
    }

    @Override
    public void ran(
        ChangeSet changeSet,
        DatabaseChangeLog changeLog,
        Database database,
        ChangeSet.ExecType execType) {
      applied.add(changeSet.getId());
      running = null;
    }
  }
}
