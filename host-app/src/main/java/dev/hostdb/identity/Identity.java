package dev.hostdb.identity;

import dev.hostdb.access.AccessInvalidation;
import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Json;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.AuditLog;
import dev.hostdb.domain.port.IdSource;
import dev.hostdb.domain.port.PasswordHasher;
import dev.hostdb.domain.port.Transactions;
import dev.hostdb.domain.port.UserRepository;
import dev.hostdb.identity.LoginResult.Authenticated;
import dev.hostdb.identity.LoginResult.DenialReason;
import dev.hostdb.identity.LoginResult.Denied;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a person is: registering users, signing them in by password or identity provider, changing
 * passwords, and deactivating users so that they can no longer sign in.
 *
 * <p>Every change is written with its audit entry in one transaction ({@code user.registered},
 * {@code user.login}, {@code user.password_changed}, {@code user.deactivated}, {@code
 * user.activated}); a denied sign-in is recorded as {@code user.login_failed} on its own. The actor
 * of an entry is the context's actor, or the user when the context names none. Details never hold a
 * password or hash.
 *
 * <p>Passwords are taken as {@code char[]} and zeroed before each method returns, whatever the
 * outcome. Hashing runs outside the transaction, so a slow hash never holds a database lock.
 *
 * <p>Thread-safe. Works on any adapter: it uses only the ports.
 */
public final class Identity {
  /** The longest password accepted, in characters; a guard against hashing megabytes. */
  public static final int MAX_PASSWORD_LENGTH = 1024;

  private final UserRepository users;
  private final AuditLog auditLog;
  private final Transactions transactions;
  private final Clock clock;
  private final IdSource ids;
  private final PasswordHasher hasher;
  private final AccessInvalidation invalidation;
  private final String dummyHash;

  /**
   * An identity service over the given ports. Hashes one random password at once: the dummy hash
   * that a sign-in with an unknown address is checked against.
   *
   * @param invalidation told of every change to whether a user may sign in
   */
  public Identity(
      UserRepository users,
      AuditLog auditLog,
      Transactions transactions,
      Clock clock,
      IdSource ids,
      PasswordHasher hasher,
      AccessInvalidation invalidation) {
    this.users = required("users", users);
    this.auditLog = required("auditLog", auditLog);
    this.transactions = required("transactions", transactions);
    this.clock = required("clock", clock);
    this.ids = required("ids", ids);
    this.hasher = required("hasher", hasher);
    this.invalidation = required("invalidation", invalidation);
    this.dummyHash = dummyHash(hasher);
  }

  private static String dummyHash(PasswordHasher hasher) {
    SecureRandom random = new SecureRandom();
    char[] password = new char[32];
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + random.nextInt(26));
    }
    try {
      return hasher.hash(password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Registers a user by email, by OAuth subject, or both, with or without a password.
   *
   * <p>Every user has an email address ({@code core_users.email} is required): a user who registers
   * through an identity provider gives the address the provider reports along with its subject.
   *
   * @param oauthId the identity provider's subject, or null
   * @param password the password, or null for a user who signs in through the provider only; zeroed
   *     on return
   * @throws dev.hostdb.domain.error.DuplicateEmailException when another user has the address
   * @throws dev.hostdb.domain.error.ConflictException when another user has the OAuth subject
   * @throws InvalidInputException when the password is empty or longer than {@link
   *     #MAX_PASSWORD_LENGTH}
   */
  public User register(Email email, String oauthId, char[] password, RequestContext ctx) {
    try {
      required("email", email);
      required("context", ctx);
      User draft = new User(ids.next(), email, oauthId, null, null, false, true, now(), null);
      User user =
          password == null ? draft : withPasswordHash(draft, hasher.hash(checked(password)));
      String details =
          Json.object(
              "email",
              email.value(),
              "oauth_id",
              user.oauthId(),
              "password",
              password == null ? "none" : "set");
      return transactions.inTransaction(
          () -> {
            User created = users.create(user);
            append(ctx, created.id(), "user.registered", details);
            return created;
          });
    } finally {
      wipe(password);
    }
  }

  /** The user with this email address, in any letter case. */
  public Optional<User> findByEmail(Email email) {
    return users.findByEmail(required("email", email));
  }

  /** The user with this OAuth subject. */
  public Optional<User> findByOauthId(String oauthId) {
    return users.findByOauthId(required("oauthId", oauthId));
  }

  /**
   * Signs a user in by password, recording {@code last_login}. When the stored hash was made with
   * other parameters than the hasher's current ones, the password is hashed again and the new hash
   * stored.
   *
   * <p>Every denial takes as long as a wrong password: the hasher runs exactly once whatever the
   * outcome, on a dummy hash when the address is unknown or the user has no password.
   *
   * @param password the password to check; zeroed on return
   * @throws InvalidInputException when the email, password or context is missing
   */
  public LoginResult login(Email email, char[] password, RequestContext ctx) {
    try {
      required("email", email);
      required("password", password);
      required("context", ctx);
      User user = users.findByEmail(email).orElse(null);
      String stored = user == null ? null : user.passwordHash();
      boolean matches = hasher.verify(password, stored == null ? dummyHash : stored);
      DenialReason reason = passwordDenial(user, stored, matches);
      if (reason != null) {
        return denied(reason, user, ctx, "method", "password", "email", email.value());
      }
      String rehashed = hasher.needsRehash(stored) ? hasher.hash(password) : null;
      return signIn(user, stored, rehashed, ctx, "password", "email", email.value());
    } finally {
      wipe(password);
    }
  }

  private static DenialReason passwordDenial(User user, String stored, boolean matches) {
    if (user == null) {
      return DenialReason.UNKNOWN_EMAIL;
    }
    if (stored == null) {
      return DenialReason.NO_PASSWORD;
    }
    if (!matches) {
      return DenialReason.WRONG_PASSWORD;
    }
    return user.active() ? null : DenialReason.USER_INACTIVE;
  }

  /**
   * Signs in a user whom the identity provider has authenticated, recording {@code last_login}.
   *
   * @param oauthId the provider's subject for the user
   */
  public LoginResult loginWithOauth(String oauthId, RequestContext ctx) {
    required("oauthId", oauthId);
    required("context", ctx);
    User user = users.findByOauthId(oauthId).orElse(null);
    if (user == null) {
      return denied(
          DenialReason.UNKNOWN_OAUTH_ID, null, ctx, "method", "oauth", "oauth_id", oauthId);
    }
    if (!user.active()) {
      return denied(DenialReason.USER_INACTIVE, user, ctx, "method", "oauth", "oauth_id", oauthId);
    }
    return signIn(user, null, null, ctx, "oauth", "oauth_id", oauthId);
  }

  /**
   * Records the sign-in in one transaction, re-reading the user so that a deactivation or password
   * change made while the password was being checked wins.
   */
  private LoginResult signIn(
      User user,
      String checkedHash,
      String rehashed,
      RequestContext ctx,
      String method,
      String identifierName,
      String identifier) {
    Instant at = now();
    LoginResult result =
        transactions.inTransaction(
            () -> {
              User current = users.findById(user.id()).orElse(null);
              if (current == null || !current.active()) {
                return new Denied(DenialReason.USER_INACTIVE);
              }
              boolean rehash =
                  rehashed != null && Objects.equals(current.passwordHash(), checkedHash);
              User signedIn =
                  withLastLogin(rehash ? withPasswordHash(current, rehashed) : current, at);
              if (rehash) {
                users.update(signedIn);
              } else {
                users.recordLogin(current.id(), at);
              }
              append(
                  ctx,
                  current.id(),
                  "user.login",
                  Json.object("method", method, "rehashed", rehash ? "true" : null));
              return new Authenticated(signedIn);
            });
    if (result instanceof Denied denied) {
      return denied(denied.reason(), user, ctx, "method", method, identifierName, identifier);
    }
    return result;
  }

  private LoginResult denied(
      DenialReason reason, User user, RequestContext ctx, String... namesAndValues) {
    String[] details = Arrays.copyOf(namesAndValues, namesAndValues.length + 2);
    details[namesAndValues.length] = "reason";
    details[namesAndValues.length + 1] = reason.name().toLowerCase(Locale.ROOT);
    append(ctx, user == null ? null : user.id(), "user.login_failed", Json.object(details));
    return new Denied(reason);
  }

  /**
   * Replaces the user's password.
   *
   * @param password the new password; zeroed on return
   * @throws NotFoundException when no user has the id
   * @throws InvalidInputException when the password is missing, empty or longer than {@link
   *     #MAX_PASSWORD_LENGTH}
   */
  public User setPassword(Id userId, char[] password, RequestContext ctx) {
    try {
      required("userId", userId);
      required("context", ctx);
      String hash = hasher.hash(checked(password));
      return transactions.inTransaction(
          () -> {
            User changed = users.update(withPasswordHash(find("set password", userId), hash));
            append(ctx, userId, "user.password_changed", null);
            return changed;
          });
    } finally {
      wipe(password);
    }
  }

  /**
   * Deactivates the user: they can no longer sign in nor enter any tenant. Deactivating an inactive
   * user changes nothing and records nothing.
   *
   * @throws NotFoundException when no user has the id
   */
  public User deactivate(Id userId, RequestContext ctx) {
    return setActive(userId, false, ctx);
  }

  /**
   * Activates a deactivated user again. Activating an active user changes nothing and records
   * nothing.
   *
   * @throws NotFoundException when no user has the id
   */
  public User activate(Id userId, RequestContext ctx) {
    return setActive(userId, true, ctx);
  }

  @SuppressWarnings("try") // the change is only opened and closed around the transaction
  private User setActive(Id userId, boolean active, RequestContext ctx) {
    required("userId", userId);
    required("context", ctx);
    String operation = active ? "activate user" : "deactivate user";
    try (AccessInvalidation.Change change = invalidation.begin(AccessScope.user(userId))) {
      return transactions.inTransaction(
          () -> {
            User current = find(operation, userId);
            if (current.active() == active) {
              return current;
            }
            User changed = users.update(current.withActive(active));
            append(ctx, userId, active ? "user.activated" : "user.deactivated", null);
            return changed;
          });
    }
  }

  private User find(String operation, Id userId) {
    return users
        .findById(userId)
        .orElseThrow(() -> new NotFoundException(operation, "user", userId));
  }

  private void append(RequestContext ctx, Id userId, String eventType, String details) {
    Id actor = ctx.actorId() != null ? ctx.actorId() : userId != null ? userId : Id.SYSTEM;
    String target = userId == null ? null : userId.value();
    auditLog.append(
        new AuditEntry(ids.next(), actor, eventType, target, details, ctx.ipAddress(), now()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static char[] checked(char[] password) {
    required("password", password);
    if (password.length == 0) {
      throw new InvalidInputException("password", "must not be empty");
    }
    if (password.length > MAX_PASSWORD_LENGTH) {
      throw new InvalidInputException(
          "password", "longer than " + MAX_PASSWORD_LENGTH + " characters");
    }
    return password;
  }

  private static <T> T required(String field, T value) {
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    return value;
  }

  private static void wipe(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }

  private static User withPasswordHash(User user, String hash) {
    return new User(
        user.id(),
        user.email(),
        user.oauthId(),
        hash,
        user.stripeCustomerId(),
        user.sysAdmin(),
        user.active(),
        user.createdAt(),
        user.lastLogin());
  }

  private static User withLastLogin(User user, Instant at) {
    return new User(
        user.id(),
        user.email(),
        user.oauthId(),
        user.passwordHash(),
        user.stripeCustomerId(),
        user.sysAdmin(),
        user.active(),
        user.createdAt(),
        at);
  }

  /** The hasher in use; never a hash. */
  @Override
  public String toString() {
    return "Identity[" + hasher + "]";
  }
}
