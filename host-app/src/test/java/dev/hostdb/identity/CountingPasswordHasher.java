package dev.hostdb.identity;

import dev.hostdb.domain.port.PasswordHasher;
import java.util.concurrent.atomic.AtomicInteger;

/** A hasher that counts the calls it passes on, so tests see how often the real work ran. */
final class CountingPasswordHasher implements PasswordHasher {
  private final PasswordHasher delegate;
  private final AtomicInteger hashes = new AtomicInteger();
  private final AtomicInteger verifications = new AtomicInteger();

  CountingPasswordHasher(PasswordHasher delegate) {
    this.delegate = delegate;
  }

  @Override
  public String hash(char[] raw) {
    hashes.incrementAndGet();
    return delegate.hash(raw);
  }

  @Override
  public boolean verify(char[] raw, String hash) {
    verifications.incrementAndGet();
    return delegate.verify(raw, hash);
  }

  @Override
  public boolean needsRehash(String hash) {
    return delegate.needsRehash(hash);
  }

  int hashes() {
    return hashes.get();
  }

  int verifications() {
    return verifications.get();
  }

  @Override
  public String toString() {
    return "Counting" + delegate;
  }
}
