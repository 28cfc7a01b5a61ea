package dev.hostdb.jdbc;

import dev.hostdb.domain.AccessFacts;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.TenantAccess;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.MembershipRepository;
import dev.hostdb.domain.rule.LastOwnerRule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link MembershipRepository} on {@code core_memberships}. Changes that could remove a tenant's
 * last owner lock the tenant's catalog row first, so that two concurrent demotions of the last two
 * owners cannot both pass the check.
 */
final class JdbcMembershipRepository implements MembershipRepository {
  private static final String SELECT =
      "SELECT id, user_id, tenant_id, profile_id, meta_attributes, role, is_active, created_at"
          + " FROM core_memberships";

  private final Sql sql;

  JdbcMembershipRepository(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Membership create(Membership membership) {
    String operation = "create membership " + membership.id();
    return sql.write(
        operation,
        db -> {
          Rows.requireRow(db, operation, "core_users", "user", membership.userId());
          Rows.requireRow(db, operation, "core_tenants", "tenant", membership.tenantId());
          if (findIn(db, membership.userId(), membership.tenantId()).isPresent()) {
            throw new ConflictException(
                operation
                    + ": user "
                    + membership.userId()
                    + " is already a member of tenant "
                    + membership.tenantId());
          }
          db.sql(
                  """
                  INSERT INTO core_memberships (id, user_id, tenant_id, profile_id,
                    meta_attributes, role, is_active, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                  """)
              .params(
                  membership.id().value(),
                  membership.userId().value(),
                  membership.tenantId().value(),
                  membership.profileId(),
                  membership.metaAttributes(),
                  membership.role().code(),
                  membership.active(),
                  Rows.text(membership.createdAt()))
              .update();
          return membership;
        });
  }

  @Override
  public Optional<Membership> findById(Id id) {
    return sql.read(
        "find membership " + id,
        db ->
            db.sql(SELECT + " WHERE id = ?")
                .param(id.value())
                .query(JdbcMembershipRepository::map)
                .optional());
  }

  @Override
  public Optional<Membership> find(Id userId, Id tenantId) {
    return sql.read(
        "find membership of user " + userId + " in tenant " + tenantId,
        db -> findIn(db, userId, tenantId));
  }

  private static Optional<Membership> findIn(JdbcClient db, Id userId, Id tenantId) {
    return db.sql(SELECT + " WHERE user_id = ? AND tenant_id = ?")
        .params(userId.value(), tenantId.value())
        .query(JdbcMembershipRepository::map)
        .optional();
  }

  @Override
  public List<Membership> listByTenant(Id tenantId) {
    return sql.read("list members of tenant " + tenantId, db -> listIn(db, tenantId));
  }

  private static List<Membership> listIn(JdbcClient db, Id tenantId) {
    return db.sql(SELECT + " WHERE tenant_id = ? ORDER BY created_at, id")
        .param(tenantId.value())
        .query(JdbcMembershipRepository::map)
        .list();
  }

  @Override
  public List<Membership> listByUser(Id userId) {
    return sql.read(
        "list memberships of user " + userId,
        db ->
            db.sql(SELECT + " WHERE user_id = ? ORDER BY created_at, id")
                .param(userId.value())
                .query(JdbcMembershipRepository::map)
                .list());
  }

  @Override
  public List<TenantAccess> enterableTenants(Id userId) {
    return sql.read(
        "list tenants user " + userId + " may enter",
        db ->
            db.sql(
                    """
                    SELECT t.id, t.name, t.db_url, t.is_active, t.plan_tier, t.created_at,
                      m.role, m.id AS membership_id
                    FROM core_memberships m
                    JOIN core_tenants t ON t.id = m.tenant_id
                    JOIN core_users u ON u.id = m.user_id
                    WHERE m.user_id = ? AND m.is_active = ? AND t.is_active = ? AND u.is_active = ?
                    ORDER BY t.name, t.id
                    """)
                .params(userId.value(), true, true, true)
                .query(
                    (rs, row) ->
                        new TenantAccess(
                            JdbcTenantCatalog.map(rs, row),
                            Role.fromCode(rs.getString("role")),
                            Rows.id(rs, "membership_id")))
                .list());
  }

  @Override
  public AccessFacts accessFacts(Id userId, Id tenantId) {
    return sql.read(
        "read access facts of user " + userId + " in tenant " + tenantId,
        db -> AccessFactsQuery.run(db, userId, tenantId));
  }

  @Override
  public Membership update(Membership membership) {
    String operation = "update membership " + membership.id();
    return sql.write(
        operation,
        db -> {
          Membership before = lockTenantOf(db, operation, membership.id());
          if (!before.userId().equals(membership.userId())
              || !before.tenantId().equals(membership.tenantId())) {
            throw new ConflictException(
                operation + ": the user and tenant of a membership cannot change");
          }
          LastOwnerRule.checkChange(listIn(db, before.tenantId()), before, membership);
          db.sql(
                  """
                  UPDATE core_memberships SET profile_id = ?, meta_attributes = ?, role = ?,
                    is_active = ?
                  WHERE id = ?
                  """)
              .params(
                  membership.profileId(),
                  membership.metaAttributes(),
                  membership.role().code(),
                  membership.active(),
                  membership.id().value())
              .update();
          return membership;
        });
  }

  @Override
  public void delete(Id membershipId) {
    String operation = "remove membership " + membershipId;
    sql.write(
        operation,
        db -> {
          Membership removed = lockTenantOf(db, operation, membershipId);
          LastOwnerRule.checkRemoval(listIn(db, removed.tenantId()), removed);
          db.sql("DELETE FROM core_memberships WHERE id = ?").param(membershipId.value()).update();
          return null;
        });
  }

  private Membership lockTenantOf(JdbcClient db, String operation, Id membershipId) {
    Membership current =
        db.sql(SELECT + " WHERE id = ?")
            .param(membershipId.value())
            .query(JdbcMembershipRepository::map)
            .optional()
            .orElseThrow(() -> new NotFoundException(operation, "membership", membershipId));
    db.sql("SELECT id FROM core_tenants WHERE id = ?" + sql.dialect().lockRowsClause())
        .param(current.tenantId().value())
        .query(String.class)
        .optional();
    return current;
  }

  @Override
  public long count() {
    return sql.read(
        "count memberships",
        db -> db.sql("SELECT COUNT(*) FROM core_memberships").query(Long.class).single());
  }

  static Membership map(ResultSet rs, int row) throws SQLException {
    return new Membership(
        Rows.id(rs, "id"),
        Rows.id(rs, "user_id"),
        Rows.id(rs, "tenant_id"),
        rs.getString("profile_id"),
        rs.getString("meta_attributes"),
        Role.fromCode(rs.getString("role")),
        Rows.bool(rs, "is_active", true),
        Rows.instant(rs, "created_at"));
  }
}
