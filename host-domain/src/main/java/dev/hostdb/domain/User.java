package dev.hostdb.domain;

import java.time.Instant;

/**
 * A person, once for the whole SaaS ({@code core_users}; the reference's {@code GlobalUser}).
 *
 * @param id the user's id
 * @param email the normalised address, unique across users in any letter case
 * @param oauthId the identity provider's subject, unique when set; null when none
 * @param passwordHash the encoded password hash, or null; never shown by {@link #toString()}
 * @param stripeCustomerId the billing provider's customer id, or null
 * @param sysAdmin whether the user administers the whole SaaS
 * @param active whether the user may sign in at all
 * @param createdAt when the user was created
 * @param lastLogin when the user last signed in, or null
 */
public record User(
    Id id,
    Email email,
    String oauthId,
    String passwordHash,
    String stripeCustomerId,
    boolean sysAdmin,
    boolean active,
    Instant createdAt,
    Instant lastLogin) {

  public User {
    Checks.required("id", id);
    Checks.required("email", email);
    Checks.optionalText("oauth_id", oauthId, 255);
    Checks.required("created_at", createdAt);
    if (oauthId != null && oauthId.isBlank()) {
      oauthId = null;
    }
  }

  /** A new active user with only an email address. */
  public static User create(Id id, Email email, Instant createdAt) {
    return new User(id, email, null, null, null, false, true, createdAt, null);
  }

  /** This user with the given OAuth subject. */
  public User withOauthId(String oauthId) {
    return new User(
        id, email, oauthId, passwordHash, stripeCustomerId, sysAdmin, active, createdAt, lastLogin);
  }

  /** This user with the given system-administrator flag. */
  public User withSysAdmin(boolean sysAdmin) {
    return new User(
        id, email, oauthId, passwordHash, stripeCustomerId, sysAdmin, active, createdAt, lastLogin);
  }

  /** This user, active or not. */
  public User withActive(boolean active) {
    return new User(
        id, email, oauthId, passwordHash, stripeCustomerId, sysAdmin, active, createdAt, lastLogin);
  }

  @Override
  public String toString() {
    return "User[id="
        + id
        + ", email="
        + email
        + ", oauthId="
        + oauthId
        + ", passwordHash="
        + (passwordHash == null ? "none" : "***")
        + ", stripeCustomerId="
        + stripeCustomerId
        + ", sysAdmin="
        + sysAdmin
        + ", active="
        + active
        + ", createdAt="
        + createdAt
        + ", lastLogin="
        + lastLogin
        + "]";
  }
}
