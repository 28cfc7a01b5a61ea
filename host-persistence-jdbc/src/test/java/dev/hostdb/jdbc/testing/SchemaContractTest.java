package dev.hostdb.jdbc.testing;

import static dev.hostdb.jdbc.testing.ReferenceDatabase.pythonId;
import static dev.hostdb.jdbc.testing.ReferenceDatabase.pythonTimestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.jdbc.schema.MigrationResult;
import dev.hostdb.jdbc.schema.SchemaMigrator;
import dev.hostdb.jdbc.testing.SchemaInspector.ForeignKey;
import dev.hostdb.jdbc.testing.SchemaInspector.Index;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the host schema guarantees on every database: it applies to an empty database and to one the
 * Python reference created, keeps the reference's rows, refuses rows that break a new constraint
 * without touching anything, and every constraint can be read back from the catalog and rejects a
 * violating insert.
 *
 * <p>Subclass it once per database and give each test a fresh, empty database.
 */
public abstract class SchemaContractTest {
  /** The id of the changelog's last changeset: the version of a fully migrated database. */
  public static final String LATEST_CHANGESET = "extend-sys-jobs";

  /** NOT NULL columns per table, primary keys included. */
  protected static final Map<String, Set<String>> NOT_NULL =
      Map.of(
          "core_users", Set.of("id", "email", "is_sys_admin", "created_at", "is_active"),
          "core_tenants", Set.of("id", "name", "db_url", "is_active", "plan_tier", "created_at"),
          "core_memberships",
              Set.of("id", "user_id", "tenant_id", "profile_id", "role", "is_active", "created_at"),
          "core_subscriptions",
              Set.of(
                  "id", "tenant_id", "plan_tier", "status", "cancel_at_period_end", "payment_type"),
          "core_pricing_plans",
              Set.of(
                  "id", "name", "currency", "trial_days", "tier_level", "is_active", "sort_order"),
          "sys_audit_logs", Set.of("id", "actor_user_id", "event_type", "created_at"),
          "sys_jobs",
              Set.of(
                  "id",
                  "job_type",
                  "status",
                  "created_at",
                  "priority",
                  "attempts",
                  "max_attempts"));

  /** Named CHECK and FOREIGN KEY constraints per table. */
  protected static final Map<String, Set<String>> NAMED_CONSTRAINTS =
      Map.of(
          "core_memberships",
              Set.of(
                  "fk_core_memberships_user",
                  "fk_core_memberships_tenant",
                  "ck_core_memberships_role"),
          "core_subscriptions",
              Set.of(
                  "fk_core_subscriptions_tenant",
                  "ck_core_subscriptions_status",
                  "ck_core_subscriptions_payment_type",
                  "ck_core_subscriptions_amount_cents"),
          "core_pricing_plans",
              Set.of(
                  "ck_core_pricing_plans_amount_monthly",
                  "ck_core_pricing_plans_amount_yearly",
                  "ck_core_pricing_plans_trial_days"),
          "sys_jobs", Set.of("ck_sys_jobs_status"));

  /** Foreign keys per referencing table. */
  protected static final Map<String, Set<ForeignKey>> FOREIGN_KEYS =
      Map.of(
          "core_memberships",
              Set.of(
                  new ForeignKey("user_id", "core_users", "id"),
                  new ForeignKey("tenant_id", "core_tenants", "id")),
          "core_subscriptions", Set.of(new ForeignKey("tenant_id", "core_tenants", "id")));

  /** Named indexes per table. */
  protected static final Map<String, Set<Index>> INDEXES =
      Map.of(
          "core_users",
              Set.of(
                  new Index("uq_core_users_oauth_id", List.of("oauth_id"), true),
                  new Index("uq_core_users_email_normalized", List.of("email_normalized"), true)),
          "core_memberships",
              Set.of(
                  new Index(
                      "uq_core_memberships_user_tenant", List.of("user_id", "tenant_id"), true),
                  new Index("ix_core_memberships_tenant", List.of("tenant_id"), false)),
          "core_subscriptions",
              Set.of(
                  new Index("uq_core_subscriptions_stripe_sub_id", List.of("stripe_sub_id"), true),
                  new Index("ix_core_subscriptions_tenant", List.of("tenant_id"), false)),
          "core_pricing_plans",
              Set.of(
                  new Index(
                      "ix_core_pricing_plans_active_sort",
                      List.of("is_active", "sort_order"),
                      false)),
          "sys_audit_logs",
              Set.of(
                  new Index("ix_sys_audit_logs_created", List.of("created_at"), false),
                  new Index("ix_sys_audit_logs_target", List.of("target_id", "created_at"), false),
                  new Index(
                      "ix_sys_audit_logs_actor", List.of("actor_user_id", "created_at"), false)),
          "sys_jobs",
              Set.of(
                  new Index("ix_sys_jobs_status_created", List.of("status", "created_at"), false),
                  new Index("uq_sys_jobs_unique_key", List.of("unique_key"), true),
                  new Index("ix_sys_jobs_due", List.of("priority", "run_after", "id"), false),
                  new Index("ix_sys_jobs_lease_until", List.of("lease_until"), false)),
          "core_tenants", Set.of());

  private Connection connection;

  /**
   * Connects to the database under test; every call within one test reaches the same, initially
   * empty, database.
   *
   * @return a new auto-commit connection; the suite closes it
   * @throws SQLException when the database cannot be reached
   */
  protected abstract Connection connect() throws SQLException;

  /**
   * Reads the schema of the database under test.
   *
   * @param connection an open connection from {@link #connect()}
   * @return the inspector
   */
  protected abstract SchemaInspector inspector(Connection connection);

  /**
   * Tells which reference schema matches the database under test.
   *
   * @return the flavour
   */
  protected abstract ReferenceDatabase.Flavor flavor();

  @BeforeEach
  void open() throws SQLException {
    connection = connect();
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  /**
   * The open connection of the running test.
   *
   * @return the connection
   */
  protected Connection connection() {
    return connection;
  }

  @Test
  void applies_to_an_empty_database() throws SQLException {
    MigrationResult result = SchemaMigrator.migrate(connection);

    assertThat(result.fromVersion()).isEqualTo(SchemaMigrator.NO_VERSION);
    assertThat(result.changed()).isTrue();
    assertThat(result.toVersion())
        .isEqualTo(SchemaMigrator.currentVersion(connection))
        .isEqualTo(LATEST_CHANGESET);
    assertThat(inspector(connection).tables()).containsAll(ReferenceDatabase.COLUMNS.keySet());
  }

  @Test
  void upgrades_a_reference_database_and_keeps_every_row_and_value() throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.create(connection, flavor());
    reference.populate();
    Map<String, List<Map<String, Object>>> before = reference.snapshot();

    SchemaMigrator.migrate(connection);

    assertThat(reference.snapshot()).isEqualTo(before);
    assertThat(reference.query("SELECT email, email_normalized, is_active FROM core_users"))
        .extracting(row -> row.get("email_normalized"))
        .containsExactlyInAnyOrder("owner@example.com", "member@example.com");
    assertThat(reference.query("SELECT id FROM core_users WHERE is_active = TRUE")).hasSize(2);
  }

  @Test
  void fills_nulls_in_columns_that_get_a_default() throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.create(connection, flavor());
    String user = pythonId();
    String tenant = pythonId();
    reference.insert("core_users", columns("id", user, "email", "a@b.c", "created_at", now()));
    reference.insert(
        "core_tenants",
        columns("id", tenant, "name", "T", "db_url", "sqlite://", "created_at", now()));
    reference.insert(
        "core_memberships",
        columns(
            "id",
            pythonId(),
            "user_id",
            user,
            "tenant_id",
            tenant,
            "profile_id",
            "p",
            "created_at",
            now()));

    SchemaMigrator.migrate(connection);

    assertThat(reference.query("SELECT plan_tier FROM core_tenants WHERE is_active = TRUE"))
        .containsExactly(Map.of("plan_tier", "free"));
    assertThat(reference.query("SELECT role FROM core_memberships WHERE is_active = TRUE"))
        .containsExactly(Map.of("role", "member"));
    assertThat(reference.query("SELECT id FROM core_users WHERE is_sys_admin = FALSE")).hasSize(1);
  }

  @Test
  void adds_nullable_deletion_and_event_times_and_a_table_of_processed_billing_events()
      throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.create(connection, flavor());
    reference.populate();

    SchemaMigrator.migrate(connection);
    SchemaInspector inspector = inspector(connection);

    assertThat(inspector.columns("core_tenants")).contains("deleted_at");
    assertThat(inspector.notNullColumns("core_tenants")).doesNotContain("deleted_at");
    assertThat(inspector.columns("core_subscriptions")).contains("provider_event_at");
    assertThat(inspector.notNullColumns("core_subscriptions")).doesNotContain("provider_event_at");
    assertThat(inspector.columns("sys_billing_events"))
        .containsExactly("event_id", "stripe_sub_id", "received_at");
    assertThat(inspector.notNullColumns("sys_billing_events")).contains("event_id", "received_at");
    assertThat(reference.query("SELECT deleted_at FROM core_tenants"))
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.get("deleted_at")).isNull());
  }

  @Test
  void extends_sys_jobs_with_leases_and_makes_existing_jobs_due_at_their_creation()
      throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.create(connection, flavor());
    reference.populate();

    SchemaMigrator.migrate(connection);
    SchemaInspector inspector = inspector(connection);

    assertThat(inspector.columns("sys_jobs"))
        .contains(
            "unique_key",
            "priority",
            "run_after",
            "attempts",
            "max_attempts",
            "lease_owner",
            "lease_token",
            "lease_until");
    assertThat(inspector.notNullColumns("sys_jobs"))
        .doesNotContain("unique_key", "run_after", "lease_owner", "lease_token", "lease_until");
    List<Map<String, Object>> jobs =
        reference.query(
            "SELECT created_at, run_after, priority, attempts, max_attempts, lease_token"
                + " FROM sys_jobs");
    assertThat(jobs)
        .isNotEmpty()
        .allSatisfy(
            row -> {
              assertThat(row.get("run_after")).isEqualTo(row.get("created_at"));
              assertThat(((Number) row.get("priority")).intValue()).isZero();
              assertThat(((Number) row.get("attempts")).intValue()).isZero();
              assertThat(((Number) row.get("max_attempts")).intValue()).isEqualTo(5);
              assertThat(row.get("lease_token")).isNull();
            });
  }

  @Test
  void migrating_twice_changes_nothing() throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.create(connection, flavor());
    reference.populate();
    MigrationResult first = SchemaMigrator.migrate(connection);
    Map<String, Object> schema = schema();
    Map<String, List<Map<String, Object>>> rows = reference.snapshot();

    MigrationResult second = SchemaMigrator.migrate(connection);

    assertThat(second.changed()).isFalse();
    assertThat(second.fromVersion()).isEqualTo(first.toVersion());
    assertThat(second.toVersion()).isEqualTo(first.toVersion());
    assertThat(schema()).isEqualTo(schema);
    assertThat(reference.snapshot()).isEqualTo(rows);
  }

  @Test
  void refuses_a_membership_role_outside_the_allowed_set_and_changes_nothing() throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.create(connection, flavor());
    reference.populate();
    String user = reference.insertUser("root@example.com");
    String tenant = reference.insertTenant("Initech");
    String bad = reference.insertMembership(user, tenant, "superuser");

    assertRefusedUnchanged(reference, "ck_core_memberships_role", "core_memberships", "1 row", bad);
  }

  @Test
  void refuses_a_membership_of_a_missing_user_and_changes_nothing() throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.create(connection, flavor());
    reference.populate();
    String tenant = reference.insertTenant("Initech");
    String orphan = reference.insertMembership(pythonId(), tenant, "member");

    assertRefusedUnchanged(
        reference, "fk_core_memberships_user", "core_memberships", "1 row", orphan);
  }

  @Test
  void refuses_two_users_whose_emails_differ_only_in_case_and_changes_nothing()
      throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.create(connection, flavor());
    String first = reference.insertUser("Ann@Example.com");
    String second = reference.insertUser(" ann@example.COM");

    assertRefusedUnchanged(
        reference, "uq_core_users_email_normalized", "core_users", "2 rows", first, second);
  }

  @Test
  void refuses_a_user_without_email_naming_the_column() throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.create(connection, flavor());
    String user = pythonId();
    reference.insert("core_users", columns("id", user, "created_at", now()));

    assertRefusedUnchanged(reference, "NOT NULL(email)", "core_users", "1 row", user);
  }

  @Test
  void refuses_two_memberships_of_one_user_in_one_tenant() throws SQLException {
    ReferenceDatabase reference = ReferenceDatabase.create(connection, flavor());
    String user = reference.insertUser("twin@example.com");
    String tenant = reference.insertTenant("Twins");
    String first = reference.insertMembership(user, tenant, "owner");
    String second = reference.insertMembership(user, tenant, "member");

    assertRefusedUnchanged(
        reference, "uq_core_memberships_user_tenant", "core_memberships", "2 rows", first, second);
  }

  @Test
  void every_not_null_column_is_in_the_catalog() throws SQLException {
    SchemaMigrator.migrate(connection);

    for (Map.Entry<String, Set<String>> table : NOT_NULL.entrySet()) {
      assertThat(inspector(connection).notNullColumns(table.getKey()))
          .as(table.getKey())
          .isEqualTo(table.getValue());
    }
  }

  @Test
  void every_named_constraint_foreign_key_and_index_is_in_the_catalog() throws SQLException {
    SchemaMigrator.migrate(connection);
    SchemaInspector inspector = inspector(connection);

    for (Map.Entry<String, Set<String>> table : NAMED_CONSTRAINTS.entrySet()) {
      assertThat(inspector.constraintNames(table.getKey()))
          .as(table.getKey())
          .containsAll(table.getValue());
    }
    for (String table : ReferenceDatabase.COLUMNS.keySet()) {
      assertThat(inspector.foreignKeys(table))
          .as(table)
          .isEqualTo(FOREIGN_KEYS.getOrDefault(table, Set.of()));
      assertThat(inspector.indexes(table)).as(table).isEqualTo(INDEXES.get(table));
      assertThat(inspector.columns(table))
          .as(table)
          .containsAll(ReferenceDatabase.COLUMNS.get(table));
    }
  }

  @Test
  void every_not_null_column_rejects_null() throws SQLException {
    SchemaMigrator.migrate(connection);
    ValidRows valid = new ValidRows(ReferenceDatabase.attach(connection, flavor()));

    for (Map.Entry<String, Set<String>> table : NOT_NULL.entrySet()) {
      for (String column : table.getValue()) {
        Map<String, Object> row = valid.row(table.getKey());
        row.put(column, null);

        assertThatThrownBy(() -> valid.reference.insert(table.getKey(), row))
            .as(table.getKey() + "." + column)
            .isInstanceOf(SQLException.class);
      }
      assertThatCode(() -> valid.reference.insert(table.getKey(), valid.row(table.getKey())))
          .as(table.getKey())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void every_check_rejects_a_value_outside_its_range() throws SQLException {
    SchemaMigrator.migrate(connection);
    ValidRows valid = new ValidRows(ReferenceDatabase.attach(connection, flavor()));

    assertCheckRejects(valid, "core_memberships", "role", "superuser", "ck_core_memberships_role");
    assertCheckRejects(
        valid, "core_subscriptions", "status", "done", "ck_core_subscriptions_status");
    assertCheckRejects(
        valid, "core_subscriptions", "payment_type", "gift", "ck_core_subscriptions_payment_type");
    assertCheckRejects(
        valid, "core_subscriptions", "amount_cents", -1, "ck_core_subscriptions_amount_cents");
    assertCheckRejects(
        valid, "core_pricing_plans", "amount_monthly", -1, "ck_core_pricing_plans_amount_monthly");
    assertCheckRejects(
        valid, "core_pricing_plans", "amount_yearly", -1, "ck_core_pricing_plans_amount_yearly");
    assertCheckRejects(
        valid, "core_pricing_plans", "trial_days", -1, "ck_core_pricing_plans_trial_days");
    assertCheckRejects(valid, "sys_jobs", "status", "queued", "ck_sys_jobs_status");
  }

  @Test
  void every_foreign_key_rejects_a_missing_parent() throws SQLException {
    SchemaMigrator.migrate(connection);
    ValidRows valid = new ValidRows(ReferenceDatabase.attach(connection, flavor()));

    assertRejected(valid, "core_memberships", "user_id", pythonId());
    assertRejected(valid, "core_memberships", "tenant_id", pythonId());
    assertRejected(valid, "core_subscriptions", "tenant_id", pythonId());
  }

  @Test
  void every_unique_index_rejects_a_duplicate() throws SQLException {
    SchemaMigrator.migrate(connection);
    ValidRows valid = new ValidRows(ReferenceDatabase.attach(connection, flavor()));
    Map<String, Object> user = valid.row("core_users");
    user.put("oauth_id", "github|1");
    user.put("email_normalized", "dup@example.com");
    valid.reference.insert("core_users", user);
    Map<String, Object> subscription = valid.row("core_subscriptions");
    subscription.put("stripe_sub_id", "sub_1");
    valid.reference.insert("core_subscriptions", subscription);

    assertRejected(valid, "core_users", "oauth_id", "github|1");
    assertRejected(valid, "core_users", "email_normalized", "dup@example.com");
    assertRejected(valid, "core_subscriptions", "stripe_sub_id", "sub_1");
    Map<String, Object> job = valid.row("sys_jobs");
    job.put("unique_key", "purge:1");
    valid.reference.insert("sys_jobs", job);
    assertRejected(valid, "sys_jobs", "unique_key", "purge:1");
    Map<String, Object> twin = valid.row("core_memberships");
    twin.put("user_id", valid.user);
    twin.put("tenant_id", valid.tenant);
    assertThatThrownBy(() -> valid.reference.insert("core_memberships", twin))
        .isInstanceOf(SQLException.class);
  }

  @Test
  void optional_unique_columns_accept_many_nulls() throws SQLException {
    SchemaMigrator.migrate(connection);
    ValidRows valid = new ValidRows(ReferenceDatabase.attach(connection, flavor()));

    for (int i = 0; i < 2; i++) {
      Map<String, Object> user = valid.row("core_users");
      user.put("oauth_id", null);
      valid.reference.insert("core_users", user);
      Map<String, Object> subscription = valid.row("core_subscriptions");
      subscription.put("stripe_sub_id", null);
      valid.reference.insert("core_subscriptions", subscription);
      Map<String, Object> job = valid.row("sys_jobs");
      job.put("unique_key", null);
      valid.reference.insert("sys_jobs", job);
    }

    assertThat(valid.reference.query("SELECT id FROM sys_jobs WHERE unique_key IS NULL"))
        .hasSize(2);

    assertThat(valid.reference.query("SELECT id FROM core_users WHERE oauth_id IS NULL"))
        .hasSize(2);
  }

  private void assertRefusedUnchanged(
      ReferenceDatabase reference, String constraint, String table, String rows, String... ids)
      throws SQLException {
    Map<String, List<Map<String, Object>>> before = reference.snapshot();
    Map<String, Object> schema = schema();

    assertThatThrownBy(() -> SchemaMigrator.migrate(connection))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(constraint + " on " + table + ": " + rows)
        .hasMessageContainingAll(ids);

    assertThat(reference.snapshot()).isEqualTo(before);
    assertThat(schema()).isEqualTo(schema);
    assertThat(inspector(connection).tables()).noneMatch(name -> name.endsWith("_new"));
    assertThat(SchemaMigrator.currentVersion(connection)).isEqualTo(SchemaMigrator.NO_VERSION);
  }

  private static void assertCheckRejects(
      ValidRows valid, String table, String column, Object value, String constraint) {
    Map<String, Object> row = valid.row(table);
    row.put(column, value);

    assertThatThrownBy(() -> valid.reference.insert(table, row))
        .as(constraint)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(constraint);
  }

  private static void assertRejected(ValidRows valid, String table, String column, Object value) {
    Map<String, Object> row = valid.row(table);
    row.put(column, value);

    assertThatThrownBy(() -> valid.reference.insert(table, row))
        .as(table + "." + column)
        .isInstanceOf(SQLException.class);
  }

  /** Everything the catalog says about the reference tables, to compare before and after. */
  private Map<String, Object> schema() throws SQLException {
    SchemaInspector inspector = inspector(connection);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("tables", inspector.tables());
    for (String table : ReferenceDatabase.COLUMNS.keySet()) {
      schema.put(table + " columns", inspector.columns(table));
      schema.put(table + " not null", inspector.notNullColumns(table));
      schema.put(table + " constraints", inspector.constraintNames(table));
      schema.put(table + " foreign keys", inspector.foreignKeys(table));
      schema.put(table + " indexes", inspector.indexes(table));
    }
    return schema;
  }

  private static String now() {
    return pythonTimestamp();
  }

  private static Map<String, Object> columns(Object... namesAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return row;
  }

  /** Rows that satisfy every constraint, each with fresh ids and unique values. */
  private static final class ValidRows {
    private final ReferenceDatabase reference;
    private final String user;
    private final String tenant;

    ValidRows(ReferenceDatabase reference) throws SQLException {
      this.reference = reference;
      this.user = reference.insertUser("parent@example.com");
      this.tenant = reference.insertTenant("Parent");
      reference.insertMembership(user, tenant, "owner");
    }

    Map<String, Object> row(String table) {
      String id = pythonId();
      Object yes = reference.bool(true);
      Object no = reference.bool(false);
      return switch (table) {
        case "core_users" ->
            columns(
                "id",
                id,
                "email",
                id + "@example.com",
                "email_normalized",
                id + "@example.com",
                "oauth_id",
                "oauth|" + id,
                "is_sys_admin",
                no,
                "is_active",
                yes,
                "created_at",
                now());
        case "core_tenants" ->
            columns(
                "id",
                id,
                "name",
                "T " + id,
                "db_url",
                "sqlite:///" + id,
                "is_active",
                yes,
                "plan_tier",
                "free",
                "created_at",
                now());
        case "core_memberships" ->
            columns(
                "id",
                id,
                "user_id",
                newUser(),
                "tenant_id",
                tenant,
                "profile_id",
                id,
                "role",
                "member",
                "is_active",
                yes,
                "created_at",
                now());
        case "core_subscriptions" ->
            columns(
                "id",
                id,
                "tenant_id",
                tenant,
                "stripe_sub_id",
                "sub_" + id,
                "plan_tier",
                "pro",
                "status",
                "active",
                "cancel_at_period_end",
                no,
                "payment_type",
                "subscription",
                "amount_cents",
                100);
        case "core_pricing_plans" ->
            columns(
                "id",
                id,
                "name",
                "Plan",
                "currency",
                "usd",
                "trial_days",
                30,
                "tier_level",
                1,
                "is_active",
                yes,
                "sort_order",
                0,
                "amount_monthly",
                1,
                "amount_yearly",
                10);
        case "sys_audit_logs" ->
            columns(
                "id", id, "actor_user_id", user, "event_type", "user.login", "created_at", now());
        case "sys_jobs" ->
            columns(
                "id", id, "job_type", "tenant.backup", "status", "pending", "created_at", now());
        default -> throw new IllegalArgumentException(table);
      };
    }

    private String newUser() {
      try {
        return reference.insertUser(pythonId() + "@example.com");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
