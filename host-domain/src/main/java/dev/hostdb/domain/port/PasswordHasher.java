package dev.hostdb.domain.port;

/**
 * Turns passwords into stored hashes and checks passwords against them ({@code
 * core_users.password_hash}). A port so that the domain names no hashing library.
 *
 * <p>Implementations are thread-safe, never keep the raw password, and never show it or a hash in a
 * log line, {@code toString} or error message. They leave the caller's array as it is: wiping it is
 * the caller's job.
 */
public interface PasswordHasher {
  /**
   * A new hash of {@code raw} with a fresh random salt, in a self-describing text form that names
   * the algorithm and its parameters.
   */
  String hash(char[] raw);

  /**
   * Whether {@code raw} is the password of {@code hash}. Takes as long for a wrong password as for
   * the right one. False for a null or unreadable hash.
   */
  boolean verify(char[] raw, String hash);

  /**
   * Whether {@code hash} was made with other parameters (or another algorithm) than {@link #hash}
   * uses now, so that the password should be hashed again the next time it is known.
   */
  boolean needsRehash(String hash);
}
