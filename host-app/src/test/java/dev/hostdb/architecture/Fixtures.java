package dev.hostdb.architecture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Classes that break one architecture rule each; only imported by the rule self-checks. */
final class Fixtures {
  private Fixtures() {}

  static final class PublicLogger {
    public static Logger log = LoggerFactory.getLogger(PublicLogger.class);
  }

  static final class GoodLogger {
    private static final Logger LOG = LoggerFactory.getLogger(GoodLogger.class);

    void log() {
      LOG.info("fine");
    }
  }

  static final class ThrowsGeneric {
    void fail() {
      throw new RuntimeException("generic");
    }
  }

  static final class UsesJul {
    void log() {
      java.util.logging.Logger.getLogger("x").info("jul");
    }
  }

  static final class HoldsJulLogger {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("x");

    void log() {
      LOG.info("jul");
    }
  }

  static final class PrintsToStdout {
    void print() {
      System.out.println("out");
    }
  }
}
