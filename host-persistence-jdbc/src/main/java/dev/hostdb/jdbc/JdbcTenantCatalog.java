package dev.hostdb.jdbc;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.TenantCatalog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link TenantCatalog} on {@code core_tenants}. */
final class JdbcTenantCatalog implements TenantCatalog {
  private static final String SELECT =
      "SELECT id, name, db_url, is_active, plan_tier, created_at FROM core_tenants";

  private final Sql sql;

  JdbcTenantCatalog(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Tenant create(Tenant tenant) {
    return sql.write(
        "create tenant " + tenant.id(),
        db -> {
          db.sql(
                  """
                  INSERT INTO core_tenants (id, name, db_url, is_active, plan_tier, created_at)
                  VALUES (?, ?, ?, ?, ?, ?)
                  """)
              .params(
                  tenant.id().value(),
                  tenant.name(),
                  SecretValue.of(tenant.dbUrl().reveal()),
                  tenant.active(),
                  tenant.planTier(),
                  Rows.text(tenant.createdAt()))
              .update();
          return tenant;
        });
  }

  @Override
  public Optional<Tenant> findById(Id id) {
    return sql.read(
        "find tenant " + id,
        db ->
            db.sql(SELECT + " WHERE id = ?")
                .param(id.value())
                .query(JdbcTenantCatalog::map)
                .optional());
  }

  @Override
  public Tenant update(Tenant tenant) {
    return sql.write(
        "update tenant " + tenant.id(),
        db -> {
          int updated =
              db.sql(
                      """
                      UPDATE core_tenants SET name = ?, db_url = ?, is_active = ?, plan_tier = ?
                      WHERE id = ?
                      """)
                  .params(
                      tenant.name(),
                      SecretValue.of(tenant.dbUrl().reveal()),
                      tenant.active(),
                      tenant.planTier(),
                      tenant.id().value())
                  .update();
          if (updated == 0) {
            throw new NotFoundException("update tenant", "tenant", tenant.id());
          }
          return tenant;
        });
  }

  @Override
  public List<Tenant> list() {
    return sql.read(
        "list tenants",
        db -> db.sql(SELECT + " ORDER BY name, id").query(JdbcTenantCatalog::map).list());
  }

  @Override
  public long count() {
    return sql.read(
        "count tenants",
        db -> db.sql("SELECT COUNT(*) FROM core_tenants").query(Long.class).single());
  }

  @Override
  public void markDeleted(Id tenantId, Instant at) {
    String operation = "delete tenant " + tenantId;
    sql.write(
        operation,
        db -> {
          int updated =
              db.sql("UPDATE core_tenants SET is_active = ?, deleted_at = ? WHERE id = ?")
                  .params(false, Rows.text(at), tenantId.value())
                  .update();
          if (updated == 0) {
            throw new NotFoundException(operation, "tenant", tenantId);
          }
          return null;
        });
  }

  @Override
  public Optional<Instant> deletedAt(Id tenantId) {
    return sql.read(
        "read deletion time of tenant " + tenantId,
        db ->
            db.sql("SELECT deleted_at FROM core_tenants WHERE id = ?")
                .param(tenantId.value())
                .query((rs, row) -> Optional.ofNullable(Rows.instant(rs, "deleted_at")))
                .optional()
                .flatMap(deleted -> deleted));
  }

  @Override
  public boolean markProvisioned(Id tenantId, Instant at) {
    return markOnce(tenantId, at, "provisioned_at", "mark provisioned tenant ");
  }

  @Override
  public Optional<Instant> provisionedAt(Id tenantId) {
    return timeOf(tenantId, "provisioned_at", "read provisioning time of tenant ");
  }

  @Override
  public boolean markPurged(Id tenantId, Instant at) {
    return markOnce(tenantId, at, "purged_at", "mark purged tenant ");
  }

  @Override
  public Optional<Instant> purgedAt(Id tenantId) {
    return timeOf(tenantId, "purged_at", "read purge time of tenant ");
  }

  /**
   * Sets a time column that is still null, in one conditional UPDATE: of concurrent callers only
   * one changes the row. The column name is one of this class's constants, never caller input.
   */
  private boolean markOnce(Id tenantId, Instant at, String column, String verb) {
    String operation = verb + tenantId;
    return sql.write(
        operation,
        db -> {
          int updated =
              db.sql(
                      "UPDATE core_tenants SET "
                          + column
                          + " = ? WHERE id = ? AND "
                          + column
                          + " IS NULL")
                  .params(Rows.text(at), tenantId.value())
                  .update();
          if (updated == 1) {
            return true;
          }
          Rows.requireRow(db, operation, "core_tenants", "tenant", tenantId);
          return false;
        });
  }

  private Optional<Instant> timeOf(Id tenantId, String column, String verb) {
    return sql.read(
        verb + tenantId,
        db ->
            db.sql("SELECT " + column + " FROM core_tenants WHERE id = ?")
                .param(tenantId.value())
                .query((rs, row) -> Optional.ofNullable(Rows.instant(rs, column)))
                .optional()
                .flatMap(time -> time));
  }

  static Tenant map(ResultSet rs, int row) throws SQLException {
    return new Tenant(
        Rows.id(rs, "id"),
        rs.getString("name"),
        DatabaseUrl.parse(rs.getString("db_url")),
        Rows.bool(rs, "is_active", true),
        rs.getString("plan_tier"),
        Rows.instant(rs, "created_at"));
  }
}
