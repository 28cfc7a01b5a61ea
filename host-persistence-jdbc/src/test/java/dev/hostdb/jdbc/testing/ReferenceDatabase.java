package dev.hostdb.jdbc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A host database as the Python reference code (fh-saas {@code db_host}) leaves it: its schema,
 * loaded from the reference SQL, and rows written the way Python writes them (32-hex ids, naive
 * ISO-8601 UTC timestamps with microseconds, booleans as 0/1 on SQLite).
 */
public final class ReferenceDatabase {

  /** The database the reference schema was dumped from. */
  public enum Flavor {
    /** SQLite, as SQLAlchemy creates it. */
    SQLITE("fh-saas-schema-sqlite.sql"),
    /** PostgreSQL 15, as pg_dump shows it. */
    POSTGRESQL("fh-saas-schema-postgres.sql");

    private final String resource;

    Flavor(String resource) {
      this.resource = "/dev/hostdb/jdbc/reference/" + resource;
    }
  }

  /** The reference columns of every table, in the reference's order, parents first. */
  public static final Map<String, List<String>> COLUMNS = referenceColumns();

  private static final DateTimeFormatter PYTHON_ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private final Connection connection;
  private final Flavor flavor;

  private ReferenceDatabase(Connection connection, Flavor flavor) {
    this.connection = connection;
    this.flavor = flavor;
  }

  /**
   * Creates the seven reference tables on an empty database.
   *
   * @param connection an auto-commit connection
   * @param flavor which reference SQL to run
   * @return the fixture, to insert rows with
   * @throws SQLException when a statement fails
   */
  public static ReferenceDatabase create(Connection connection, Flavor flavor) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : readSql(flavor.resource).split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
    return attach(connection, flavor);
  }

  /**
   * Wraps a database whose tables exist already, e.g. after a migration.
   *
   * @param connection an auto-commit connection
   * @param flavor how booleans are written
   * @return the fixture
   */
  public static ReferenceDatabase attach(Connection connection, Flavor flavor) {
    return new ReferenceDatabase(connection, flavor);
  }

  /**
   * Makes an id as Python's {@code uuid.uuid4().hex} does.
   *
   * @return 32 lower-case hex digits
   */
  public static String pythonId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * Makes a timestamp as Python's {@code datetime.utcnow().isoformat()} does.
   *
   * @return e.g. {@code 2026-12-03T12:51:53.123456}, UTC without a zone designator
   */
  public static String pythonTimestamp() {
    return LocalDateTime.now(ZoneOffset.UTC).format(PYTHON_ISO);
  }

  /**
   * Writes a boolean as Python's driver does on this database.
   *
   * @param value the boolean
   * @return 0 or 1 on SQLite, a {@link Boolean} on PostgreSQL
   */
  public Object bool(boolean value) {
    if (flavor == Flavor.SQLITE) {
      return value ? 1 : 0;
    }
    return value;
  }

  /**
   * Inserts one row; columns left out stay NULL.
   *
   * @param table the table
   * @param row column names and values, in any order
   * @throws SQLException when the database refuses the row
   */
  public void insert(String table, Map<String, ?> row) throws SQLException {
    List<String> names = new ArrayList<>(row.keySet());
    String sql =
        String.format(
            "INSERT INTO %s (%s) VALUES (%s)",
            table,
            String.join(", ", names),
            String.join(", ", Collections.nCopies(names.size(), "?")));
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < names.size(); i++) {
        statement.setObject(i + 1, row.get(names.get(i)));
      }
      statement.executeUpdate();
    }
  }

  /**
   * Inserts a user as {@code create_user} does.
   *
   * @param email the e-mail address, stored as given
   * @return the new id
   * @throws SQLException when the database refuses the row
   */
  public String insertUser(String email) throws SQLException {
    String id = pythonId();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("email", email);
    row.put("oauth_id", "google-oauth2|" + id.substring(0, 12));
    row.put("password_hash", "$2b$12$" + id);
    row.put("stripe_cust_id", "cus_" + id.substring(0, 14));
    row.put("is_sys_admin", bool(false));
    row.put("created_at", pythonTimestamp());
    row.put("last_login", pythonTimestamp());
    insert("core_users", row);
    return id;
  }

  /**
   * Inserts an active tenant on the free plan.
   *
   * @param name the tenant's name
   * @return the new id
   * @throws SQLException when the database refuses the row
   */
  public String insertTenant(String name) throws SQLException {
    String id = pythonId();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("name", name);
    row.put("db_url", "sqlite:///tenant_" + id + ".db");
    row.put("is_active", bool(true));
    row.put("plan_tier", "free");
    row.put("created_at", pythonTimestamp());
    insert("core_tenants", row);
    return id;
  }

  /**
   * Inserts an active membership.
   *
   * @param userId the user, not checked
   * @param tenantId the tenant, not checked
   * @param role stored as given, e.g. {@code owner}
   * @return the new id
   * @throws SQLException when the database refuses the row
   */
  public String insertMembership(String userId, String tenantId, String role) throws SQLException {
    String id = pythonId();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("user_id", userId);
    row.put("tenant_id", tenantId);
    row.put("profile_id", pythonId());
    row.put("meta_attributes", "{\"title\": \"CTO\"}");
    row.put("role", role);
    row.put("is_active", bool(true));
    row.put("created_at", pythonTimestamp());
    insert("core_memberships", row);
    return id;
  }

  /**
   * Inserts a Stripe subscription.
   *
   * @param tenantId the tenant, not checked
   * @param status stored as given, e.g. {@code active}
   * @return the new id
   * @throws SQLException when the database refuses the row
   */
  public String insertSubscription(String tenantId, String status) throws SQLException {
    String id = pythonId();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("tenant_id", tenantId);
    row.put("stripe_sub_id", "sub_" + id.substring(0, 14));
    row.put("stripe_cust_id", "cus_" + id.substring(14, 28));
    row.put("plan_tier", "pro");
    row.put("status", status);
    row.put("current_period_end", pythonTimestamp());
    row.put("cancel_at_period_end", bool(false));
    row.put("payment_type", "subscription");
    row.put("amount_cents", 2900);
    row.put("product_name", "Pro");
    row.put("trial_end", pythonTimestamp());
    row.put("created_at", pythonTimestamp());
    insert("core_subscriptions", row);
    return id;
  }

  /**
   * Inserts an active pricing plan.
   *
   * @param name the plan's name
   * @return the new id
   * @throws SQLException when the database refuses the row
   */
  public String insertPricingPlan(String name) throws SQLException {
    String id = pythonId();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("name", name);
    row.put("description", "For growing teams");
    row.put("stripe_price_monthly", "price_m_" + id.substring(0, 8));
    row.put("stripe_price_yearly", "price_y_" + id.substring(0, 8));
    row.put("amount_monthly", 2900);
    row.put("amount_yearly", 29000);
    row.put("currency", "usd");
    row.put("trial_days", 14);
    row.put("features", "[\"api_access\", \"exports\", \"priority_support\"]");
    row.put("tier_level", 2);
    row.put("is_active", bool(true));
    row.put("sort_order", 1);
    row.put("created_at", pythonTimestamp());
    insert("core_pricing_plans", row);
    return id;
  }

  /**
   * Inserts an audit log entry.
   *
   * @param actorUserId who acted
   * @param eventType what happened, e.g. {@code user.login}
   * @return the new id
   * @throws SQLException when the database refuses the row
   */
  public String insertAuditLog(String actorUserId, String eventType) throws SQLException {
    String id = pythonId();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("actor_user_id", actorUserId);
    row.put("event_type", eventType);
    row.put("target_id", pythonId());
    row.put("details", "{\"ip\": \"203.0.113.7\"}");
    row.put("ip_address", "203.0.113.7");
    row.put("created_at", pythonTimestamp());
    insert("sys_audit_logs", row);
    return id;
  }

  /**
   * Inserts a background job.
   *
   * @param jobType e.g. {@code tenant.provision}
   * @param status stored as given, e.g. {@code pending}
   * @return the new id
   * @throws SQLException when the database refuses the row
   */
  public String insertJob(String jobType, String status) throws SQLException {
    String id = pythonId();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("job_type", jobType);
    row.put("status", status);
    row.put("payload", "{\"tenant_id\": \"" + pythonId() + "\"}");
    row.put("created_at", pythonTimestamp());
    insert("sys_jobs", row);
    return id;
  }

  /**
   * Fills every table with a few valid rows, all columns set.
   *
   * @throws SQLException when the database refuses a row
   */
  public void populate() throws SQLException {
    String owner = insertUser("Owner@Example.com");
    String member = insertUser("member@example.com");
    String acme = insertTenant("Acme");
    String globex = insertTenant("Globex");
    insertMembership(owner, acme, "owner");
    insertMembership(member, acme, "member");
    insertMembership(owner, globex, "admin");
    insertSubscription(acme, "active");
    insertSubscription(globex, "trialing");
    insertPricingPlan("Free");
    insertPricingPlan("Pro");
    insertAuditLog(owner, "user.login");
    insertJob("tenant.provision", "completed");
    insertJob("tenant.backup", "pending");
  }

  /**
   * Reads every reference column of every row, ordered by id, to compare before and after.
   *
   * @return rows per table, each row as column name to value
   * @throws SQLException when a table cannot be read
   */
  public Map<String, List<Map<String, Object>>> snapshot() throws SQLException {
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> table : COLUMNS.entrySet()) {
      String sql =
          "SELECT "
              + String.join(", ", table.getValue())
              + " FROM "
              + table.getKey()
              + " ORDER BY id";
      tables.put(table.getKey(), query(sql));
    }
    return tables;
  }

  /**
   * Counts the rows of every reference table.
   *
   * @return row count per table
   * @throws SQLException when a table cannot be read
   */
  public Map<String, Long> rowCounts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : COLUMNS.keySet()) {
      Object count = query("SELECT COUNT(*) AS n FROM " + table).get(0).get("n");
      counts.put(table, ((Number) count).longValue());
    }
    return counts;
  }

  /**
   * Runs a query and returns its rows.
   *
   * @param sql the query, without parameters
   * @return each row as lower-case column label to value
   * @throws SQLException when the query fails
   */
  public List<Map<String, Object>> query(String sql) throws SQLException {
    List<Map<String, Object>> result = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rows.getMetaData();
      while (rows.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rows.getObject(i));
        }
        result.add(row);
      }
    }
    return result;
  }

  private static String readSql(String resource) {
    try (InputStream in = ReferenceDatabase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, List<String>> referenceColumns() {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    columns.put(
        "core_users",
        List.of(
            "id",
            "email",
            "oauth_id",
            "password_hash",
            "stripe_cust_id",
            "is_sys_admin",
            "created_at",
            "last_login"));
    columns.put(
        "core_tenants", List.of("id", "name", "db_url", "is_active", "plan_tier", "created_at"));
    columns.put(
        "core_pricing_plans",
        List.of(
            "id",
            "name",
            "description",
            "stripe_price_monthly",
            "stripe_price_yearly",
            "amount_monthly",
            "amount_yearly",
            "currency",
            "trial_days",
            "features",
            "tier_level",
            "is_active",
            "sort_order",
            "created_at"));
    columns.put(
        "sys_audit_logs",
        List.of(
            "id",
            "actor_user_id",
            "event_type",
            "target_id",
            "details",
            "ip_address",
            "created_at"));
    columns.put(
        "sys_jobs",
        List.of("id", "job_type", "status", "payload", "error_log", "created_at", "completed_at"));
    columns.put(
        "core_memberships",
        List.of(
            "id",
            "user_id",
            "tenant_id",
            "profile_id",
            "meta_attributes",
            "role",
            "is_active",
            "created_at"));
    columns.put(
        "core_subscriptions",
        List.of(
            "id",
            "tenant_id",
            "stripe_sub_id",
            "stripe_cust_id",
            "plan_tier",
            "status",
            "current_period_end",
            "cancel_at_period_end",
            "payment_type",
            "amount_cents",
            "product_name",
            "trial_end",
            "created_at"));
    return Collections.unmodifiableMap(columns);
  }
}
