package dev.hostdb.identity;

import dev.hostdb.domain.User;
import java.util.Optional;

/**
 * The answer to a sign-in: the user, or why they were turned away.
 *
 * <p><b>NOTE:</b> the reason is for the audit trail and for operators. Show the person signing in
 * one message for every denial, or an attacker learns which addresses have accounts; {@link
 * Identity#login} already takes as long for every denial.
 */
public sealed interface LoginResult {
  /** Whether the user is signed in. */
  boolean authenticated();

  /** The signed-in user, or empty when denied. */
  Optional<User> user();

  /** Why the sign-in was denied, or empty when it succeeded. */
  Optional<DenialReason> denial();

  /** Why a sign-in was denied. */
  enum DenialReason {
    /** No user has the email address. */
    UNKNOWN_EMAIL,
    /** No user has the OAuth subject. */
    UNKNOWN_OAUTH_ID,
    /** The user has no password: they sign in through their identity provider. */
    NO_PASSWORD,
    /** The password is not the user's. */
    WRONG_PASSWORD,
    /** The user exists and proved who they are, but is deactivated. */
    USER_INACTIVE
  }

  /**
   * A successful sign-in.
   *
   * @param signedIn the user as stored after the sign-in, with {@code lastLogin} set
   */
  record Authenticated(User signedIn) implements LoginResult {
    @Override
    public boolean authenticated() {
      return true;
    }

    @Override
    public Optional<User> user() {
      return Optional.of(signedIn);
    }

    @Override
    public Optional<DenialReason> denial() {
      return Optional.empty();
    }
  }

  /**
   * A denied sign-in.
   *
   * @param reason why it was denied
   */
  record Denied(DenialReason reason) implements LoginResult {
    @Override
    public boolean authenticated() {
      return false;
    }

    @Override
    public Optional<User> user() {
      return Optional.empty();
    }

    @Override
    public Optional<DenialReason> denial() {
      return Optional.of(reason);
    }
  }
}
