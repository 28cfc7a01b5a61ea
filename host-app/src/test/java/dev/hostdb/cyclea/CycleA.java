package dev.hostdb.cyclea;

import dev.hostdb.cycleb.CycleB;

/** Half of a package cycle for the cycle rule's self-check. */
public final class CycleA {
  CycleB other;
}
