package dev.hostdb.identity;

import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.port.PasswordHasher;
import java.nio.CharBuffer;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id password hashes, computed by Spring Security's {@link Argon2PasswordEncoder} on Bouncy
 * Castle, in the PHC string form {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}.
 *
 * <p>{@link #owaspMinimum()} uses the OWASP Password Storage Cheat Sheet's minimum for Argon2id:
 * 19456 KiB (19 MiB) of memory, 2 iterations, parallelism 1, a 16-byte salt and a 32-byte hash.
 * Spring's own defaults ({@code defaultsForSpringSecurity_v5_8}: 16 MiB, 2 iterations) are below
 * that minimum, which is why this class does not use them. One hash at these parameters takes some
 * tens of milliseconds and 19 MiB of memory per concurrent call.
 *
 * <p><b>NOTE:</b> Spring's encoder takes the password as a {@link CharSequence} and copies it into
 * a {@link String} it cannot wipe; the caller's array is never kept, but that copy lives until the
 * garbage collector reclaims it.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
  /** Memory in KiB, the OWASP minimum. */
  public static final int MEMORY_KIB = 19_456;

  /** Passes over the memory, the OWASP minimum at {@link #MEMORY_KIB}. */
  public static final int ITERATIONS = 2;

  /** Lanes computed in parallel. */
  public static final int PARALLELISM = 1;

  /** Bytes of random salt per hash. */
  public static final int SALT_BYTES = 16;

  /** Bytes of hash output. */
  public static final int HASH_BYTES = 32;

  private static final Pattern ENCODED =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,9})"
              + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final Argon2PasswordEncoder encoder;

  private Argon2PasswordHasher(int memoryKib, int iterations, int parallelism) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.encoder =
        new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, parallelism, memoryKib, iterations);
  }

  /** Argon2id at the OWASP minimum: 19456 KiB, 2 iterations, parallelism 1. */
  public static Argon2PasswordHasher owaspMinimum() {
    return new Argon2PasswordHasher(MEMORY_KIB, ITERATIONS, PARALLELISM);
  }

  /**
   * Argon2id with other costs, such as stronger ones for a server with memory to spare. Costs below
   * {@link #owaspMinimum()} are accepted (tests use them) but weaken every hash made with them.
   *
   * @throws InvalidInputException when a cost is out of Argon2's range
   */
  public static Argon2PasswordHasher withParameters(
      int memoryKib, int iterations, int parallelism) {
    if (parallelism < 1 || parallelism > 255) {
      throw new InvalidInputException("parallelism", "must be between 1 and 255");
    }
    if (iterations < 1) {
      throw new InvalidInputException("iterations", "must be at least 1");
    }
    if (memoryKib < 8 * parallelism) {
      throw new InvalidInputException("memoryKib", "must be at least 8 KiB per lane");
    }
    return new Argon2PasswordHasher(memoryKib, iterations, parallelism);
  }

  @Override
  public String hash(char[] raw) {
    if (raw == null) {
      throw new InvalidInputException("password", "is required");
    }
    return encoder.encode(CharBuffer.wrap(raw));
  }

  @Override
  public boolean verify(char[] raw, String hash) {
    if (raw == null || hash == null || !ENCODED.matcher(hash).matches()) {
      return false;
    }
    return encoder.matches(CharBuffer.wrap(raw), hash);
  }

  /**
   * True unless {@code hash} is Argon2id version 19 with exactly this hasher's memory, iterations,
   * parallelism, salt length and hash length. Spring's {@link
   * Argon2PasswordEncoder#upgradeEncoding} is not enough: it flags only less memory or fewer
   * iterations, so a change of parallelism or a deliberate reduction would never take effect.
   */
  @Override
  public boolean needsRehash(String hash) {
    if (hash == null) {
      return true;
    }
    Matcher encoded = ENCODED.matcher(hash);
    if (!encoded.matches()) {
      return true;
    }
    return Integer.parseInt(encoded.group(1)) != memoryKib
        || Integer.parseInt(encoded.group(2)) != iterations
        || Integer.parseInt(encoded.group(3)) != parallelism
        || decodedLength(encoded.group(4)) != SALT_BYTES
        || decodedLength(encoded.group(5)) != HASH_BYTES;
  }

  private static int decodedLength(String base64) {
    try {
      return Base64.getDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  /** The algorithm and its costs; never a hash. */
  @Override
  public String toString() {
    return "Argon2PasswordHasher[argon2id, m="
        + memoryKib
        + ", t="
        + iterations
        + ", p="
        + parallelism
        + "]";
  }
}
