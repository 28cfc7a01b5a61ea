package dev.hostdb.jdbc;

import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.DuplicateEmailException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.UserRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link UserRepository} on {@code core_users}. */
final class JdbcUserRepository implements UserRepository {
  private static final String COLUMNS =
      "id, email, oauth_id, password_hash, stripe_cust_id, is_sys_admin, is_active, created_at,"
          + " last_login";

  private final Sql sql;

  JdbcUserRepository(Sql sql) {
    this.sql = sql;
  }

  @Override
  public User create(User user) {
    String operation = "create user " + user.id();
    return sql.write(
        operation,
        db -> {
          // ON CONFLICT DO NOTHING instead of catching the violation: a failed statement would
          // abort the caller's PostgreSQL transaction, and the follow-up query names the key.
          int inserted =
              db.sql(
                      """
                      INSERT INTO core_users (id, email, email_normalized, oauth_id, password_hash,
                        stripe_cust_id, is_sys_admin, is_active, created_at, last_login)
                      VALUES (:id, :email, :email, :oauthId, :passwordHash, :stripeCustomerId,
                        :sysAdmin, :active, :createdAt, :lastLogin)
                      ON CONFLICT DO NOTHING
                      """)
                  .params(parameters(user))
                  .update();
          if (inserted == 0) {
            throw conflict(db, operation, user);
          }
          return user;
        });
  }

  private static RuntimeException conflict(JdbcClient db, String operation, User user) {
    if (exists(db, "email_normalized", user.email().value())) {
      return new DuplicateEmailException(operation, user.email().value());
    }
    if (user.oauthId() != null && exists(db, "oauth_id", user.oauthId())) {
      return new ConflictException(
          operation + ": a user with oauth id " + user.oauthId() + " already exists");
    }
    return new ConflictException(operation + ": a user with this id already exists");
  }

  private static boolean exists(JdbcClient db, String column, String value) {
    return db.sql("SELECT COUNT(*) FROM core_users WHERE " + column + " = ?")
            .param(value)
            .query(Long.class)
            .single()
        > 0;
  }

  @Override
  public Optional<User> findById(Id id) {
    return findOne("find user " + id, "id", id.value());
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    return findOne("find user by email", "email_normalized", email.value());
  }

  @Override
  public Optional<User> findByOauthId(String oauthId) {
    return findOne("find user by oauth id", "oauth_id", oauthId);
  }

  private Optional<User> findOne(String operation, String column, String value) {
    return sql.read(
        operation,
        db ->
            db.sql("SELECT " + COLUMNS + " FROM core_users WHERE " + column + " = ?")
                .param(value)
                .query(JdbcUserRepository::map)
                .optional());
  }

  @Override
  public User update(User user) {
    String operation = "update user " + user.id();
    return sql.write(
        operation,
        db -> {
          Optional<Id> holder =
              db.sql("SELECT id FROM core_users WHERE email_normalized = ?")
                  .param(user.email().value())
                  .query((rs, n) -> Id.of(rs.getString(1)))
                  .optional();
          if (holder.isPresent() && !holder.get().equals(user.id())) {
            throw new DuplicateEmailException(operation, user.email().value());
          }
          int updated =
              db.sql(
                      """
                      UPDATE core_users SET email = :email, email_normalized = :email,
                        oauth_id = :oauthId, password_hash = :passwordHash,
                        stripe_cust_id = :stripeCustomerId, is_sys_admin = :sysAdmin,
                        is_active = :active, last_login = :lastLogin
                      WHERE id = :id
                      """)
                  .params(parameters(user))
                  .update();
          if (updated == 0) {
            throw new NotFoundException("update user", "user", user.id());
          }
          return user;
        });
  }

  @Override
  public void recordLogin(Id userId, Instant at) {
    sql.write(
        "record login of user " + userId,
        db -> {
          int updated =
              db.sql("UPDATE core_users SET last_login = ? WHERE id = ?")
                  .params(Rows.text(at), userId.value())
                  .update();
          if (updated == 0) {
            throw new NotFoundException("record login", "user", userId);
          }
          return null;
        });
  }

  @Override
  public long count() {
    return sql.read(
        "count users", db -> db.sql("SELECT COUNT(*) FROM core_users").query(Long.class).single());
  }

  private static Map<String, Object> parameters(User user) {
    Map<String, Object> values = new HashMap<>();
    values.put("id", user.id().value());
    values.put("email", user.email().value());
    values.put("oauthId", user.oauthId());
    values.put("passwordHash", SecretValue.of(user.passwordHash()));
    values.put("stripeCustomerId", user.stripeCustomerId());
    values.put("sysAdmin", user.sysAdmin());
    values.put("active", user.active());
    values.put("createdAt", Rows.text(user.createdAt()));
    values.put("lastLogin", Rows.text(user.lastLogin()));
    return values;
  }

  static User map(ResultSet rs, int row) throws SQLException {
    return new User(
        Rows.id(rs, "id"),
        Email.of(rs.getString("email")),
        rs.getString("oauth_id"),
        rs.getString("password_hash"),
        rs.getString("stripe_cust_id"),
        Rows.bool(rs, "is_sys_admin", false),
        Rows.bool(rs, "is_active", true),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "last_login"));
  }
}
