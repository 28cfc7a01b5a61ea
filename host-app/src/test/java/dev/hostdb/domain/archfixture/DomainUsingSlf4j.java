package dev.hostdb.domain.archfixture;

import org.slf4j.LoggerFactory;

/** A domain class that logs through SLF4J: breaks the domain rule. */
public final class DomainUsingSlf4j {
  void log() {
    LoggerFactory.getLogger(DomainUsingSlf4j.class).info("domain must not log");
  }
}
