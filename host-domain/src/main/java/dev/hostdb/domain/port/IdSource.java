package dev.hostdb.domain.port;

import dev.hostdb.domain.Id;

/** Where new ids come from; tests replace it to get ids they can predict. */
@FunctionalInterface
public interface IdSource {
  /** A new id, never returned before. */
  Id next();

  /** Random ids, as the reference's {@code gen_id()}. */
  static IdSource random() {
    return Id::random;
  }
}
