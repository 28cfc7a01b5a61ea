package dev.hostdb.domain.port;

import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.User;
import java.time.Instant;
import java.util.Optional;

/** Users ({@code core_users}). */
public interface UserRepository {
  /**
   * Stores a new user.
   *
   * @throws dev.hostdb.domain.error.DuplicateEmailException when another user has the email in any
   *     letter case
   * @throws dev.hostdb.domain.error.ConflictException when the id or the OAuth id is taken
   */
  User create(User user);

  /** The user with this id. */
  Optional<User> findById(Id id);

  /** The user with this email address. */
  Optional<User> findByEmail(Email email);

  /** The user with this OAuth subject. */
  Optional<User> findByOauthId(String oauthId);

  /**
   * Replaces the stored user's fields with the given ones.
   *
   * @throws dev.hostdb.domain.error.NotFoundException when no user has the id
   * @throws dev.hostdb.domain.error.DuplicateEmailException when the new email is taken
   */
  User update(User user);

  /**
   * Sets {@code last_login}.
   *
   * @throws dev.hostdb.domain.error.NotFoundException when no user has the id
   */
  void recordLogin(Id userId, Instant at);

  /** The number of users. */
  long count();
}
