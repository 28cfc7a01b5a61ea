package dev.hostdb.jdbc;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.HostDbException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.BulkImport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link BulkImport} with JDBC batches. The happy path is nothing but batched inserts; only when
 * the database refuses a batch does it look for the row to blame, after the rollback.
 */
final class JdbcBulkImport implements BulkImport {
  static final int BATCH_SIZE = 1000;
  private static final int LOOKUP_CHUNK = 500;

  private final Sql sql;

  JdbcBulkImport(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Counts insertAll(List<User> users, List<Tenant> tenants, List<Membership> memberships) {
    checkNoCollisions(users, tenants, memberships);
    String operation =
        "bulk insert of "
            + users.size()
            + " users, "
            + tenants.size()
            + " tenants, "
            + memberships.size()
            + " memberships";
    try {
      return sql.write(
          operation,
          db -> {
            sql.batch(
                """
                INSERT INTO core_users (id, email, email_normalized, oauth_id, password_hash,
                  stripe_cust_id, is_sys_admin, is_active, created_at, last_login)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                rows(users, JdbcBulkImport::userRow),
                BATCH_SIZE);
            sql.batch(
                """
                INSERT INTO core_tenants (id, name, db_url, is_active, plan_tier, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                rows(tenants, JdbcBulkImport::tenantRow),
                BATCH_SIZE);
            sql.batch(
                """
                INSERT INTO core_memberships (id, user_id, tenant_id, profile_id, meta_attributes,
                  role, is_active, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                rows(memberships, JdbcBulkImport::membershipRow),
                BATCH_SIZE);
            return new Counts(users.size(), tenants.size(), memberships.size());
          });
    } catch (HostDbException refused) {
      throw blame(operation, users, tenants, memberships).orElse(refused);
    }
  }

  private static <T> List<Object[]> rows(List<T> records, Function<T, Object[]> row) {
    List<Object[]> rows = new ArrayList<>(records.size());
    for (T record : records) {
      rows.add(row.apply(record));
    }
    return rows;
  }

  private static Object[] userRow(User u) {
    return new Object[] {
      u.id().value(),
      u.email().value(),
      u.email().value(),
      u.oauthId(),
      u.passwordHash(),
      u.stripeCustomerId(),
      u.sysAdmin(),
      u.active(),
      Rows.text(u.createdAt()),
      Rows.text(u.lastLogin())
    };
  }

  private static Object[] tenantRow(Tenant t) {
    return new Object[] {
      t.id().value(),
      t.name(),
      t.dbUrl().reveal(),
      t.active(),
      t.planTier(),
      Rows.text(t.createdAt())
    };
  }

  private static Object[] membershipRow(Membership m) {
    return new Object[] {
      m.id().value(),
      m.userId().value(),
      m.tenantId().value(),
      m.profileId(),
      m.metaAttributes(),
      m.role().code(),
      m.active(),
      Rows.text(m.createdAt())
    };
  }

  /** Rows of one call that collide with each other are refused before anything is sent. */
  private static void checkNoCollisions(
      List<User> users, List<Tenant> tenants, List<Membership> memberships) {
    Map<Object, Integer> ids = new HashMap<>();
    Map<Object, Integer> emails = new HashMap<>();
    Map<Object, Integer> oauthIds = new HashMap<>();
    for (int i = 0; i < users.size(); i++) {
      User user = required("users", i, users.get(i));
      unique("users", i, "id", user.id(), ids);
      unique("users", i, "email", user.email(), emails);
      if (user.oauthId() != null) {
        unique("users", i, "oauth id", user.oauthId(), oauthIds);
      }
    }
    ids.clear();
    for (int i = 0; i < tenants.size(); i++) {
      unique("tenants", i, "id", required("tenants", i, tenants.get(i)).id(), ids);
    }
    ids.clear();
    Map<Object, Integer> pairs = new HashMap<>();
    for (int i = 0; i < memberships.size(); i++) {
      Membership m = required("memberships", i, memberships.get(i));
      unique("memberships", i, "id", m.id(), ids);
      unique("memberships", i, "user and tenant", List.of(m.userId(), m.tenantId()), pairs);
    }
  }

  private static <T> T required(String list, int index, T row) {
    if (row == null) {
      throw new InvalidInputException(list + "[" + index + "]", "is null");
    }
    return row;
  }

  private static void unique(
      String list, int index, String key, Object value, Map<Object, Integer> seen) {
    Integer first = seen.putIfAbsent(value, index);
    if (first != null) {
      throw new InvalidInputException(
          list + "[" + index + "]", "its " + key + " repeats " + list + "[" + first + "]");
    }
  }

  /** After a refused call: the first row whose key is already stored, or whose reference is not. */
  private Optional<HostDbException> blame(
      String operation, List<User> users, List<Tenant> tenants, List<Membership> memberships) {
    Set<String> takenUserIds = stored("core_users", "id", users, u -> u.id().value());
    Set<String> takenEmails =
        stored("core_users", "email_normalized", users, u -> u.email().value());
    Set<String> takenOauth = stored("core_users", "oauth_id", users, User::oauthId);
    for (int i = 0; i < users.size(); i++) {
      User u = users.get(i);
      if (takenUserIds.contains(u.id().value())) {
        return conflict(operation, "users", i, "id " + u.id());
      }
      if (takenEmails.contains(u.email().value())) {
        return conflict(operation, "users", i, "email " + u.email());
      }
      if (u.oauthId() != null && takenOauth.contains(u.oauthId())) {
        return conflict(operation, "users", i, "oauth id " + u.oauthId());
      }
    }
    Set<String> takenTenantIds = stored("core_tenants", "id", tenants, t -> t.id().value());
    for (int i = 0; i < tenants.size(); i++) {
      if (takenTenantIds.contains(tenants.get(i).id().value())) {
        return conflict(operation, "tenants", i, "id " + tenants.get(i).id());
      }
    }
    return blameMemberships(operation, users, tenants, memberships);
  }

  private Optional<HostDbException> blameMemberships(
      String operation, List<User> users, List<Tenant> tenants, List<Membership> memberships) {
    Set<String> knownUsers = stored("core_users", "id", memberships, m -> m.userId().value());
    users.forEach(u -> knownUsers.add(u.id().value()));
    Set<String> knownTenants = stored("core_tenants", "id", memberships, m -> m.tenantId().value());
    tenants.forEach(t -> knownTenants.add(t.id().value()));
    Set<String> takenIds = stored("core_memberships", "id", memberships, m -> m.id().value());
    for (int i = 0; i < memberships.size(); i++) {
      Membership m = memberships.get(i);
      String where = operation + ": memberships[" + i + "]";
      if (takenIds.contains(m.id().value())) {
        return conflict(operation, "memberships", i, "id " + m.id());
      }
      if (!knownUsers.contains(m.userId().value())) {
        return Optional.of(new NotFoundException(where, "user", m.userId()));
      }
      if (!knownTenants.contains(m.tenantId().value())) {
        return Optional.of(new NotFoundException(where, "tenant", m.tenantId()));
      }
      if (storedPair(m.userId(), m.tenantId())) {
        return conflict(
            operation, "memberships", i, "user " + m.userId() + " in tenant " + m.tenantId());
      }
    }
    return Optional.empty();
  }

  private static Optional<HostDbException> conflict(
      String operation, String list, int index, String what) {
    return Optional.of(
        new ConflictException(
            operation + ": " + list + "[" + index + "] has " + what + ", which is already stored"));
  }

  private <T> Set<String> stored(
      String table, String column, List<T> records, Function<T, String> key) {
    Set<String> found = new HashSet<>();
    List<String> values = new ArrayList<>();
    for (T record : records) {
      String value = key.apply(record);
      if (value != null) {
        values.add(value);
      }
    }
    for (int from = 0; from < values.size(); from += LOOKUP_CHUNK) {
      List<String> chunk = values.subList(from, Math.min(values.size(), from + LOOKUP_CHUNK));
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      found.addAll(
          sql.read(
              "look up stored " + table,
              db ->
                  db.sql(
                          "SELECT " + column + " FROM " + table + " WHERE " + column + " IN ("
                              + marks + ")")
                      .params(new ArrayList<Object>(chunk))
                      .query(String.class)
                      .list()));
    }
    return found;
  }

  private boolean storedPair(Id userId, Id tenantId) {
    return sql.read(
        "look up stored membership",
        db ->
            db.sql("SELECT COUNT(*) FROM core_memberships WHERE user_id = ? AND tenant_id = ?")
                    .params(userId.value(), tenantId.value())
                    .query(Long.class)
                    .single()
                > 0);
  }
}
