package dev.hostdb.sqlite.archfixture;

import dev.hostdb.HostDatabase;

/** An adapter class that calls back into the facade: breaks the adapter rule. */
public final class AdapterUsingTheApp {
  String uri(HostDatabase db) {
    return db.uri();
  }
}
