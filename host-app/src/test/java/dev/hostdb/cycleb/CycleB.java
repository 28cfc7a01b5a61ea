package dev.hostdb.cycleb;

import dev.hostdb.cyclea.CycleA;

/** The other half of a package cycle for the cycle rule's self-check. */
public final class CycleB {
  CycleA other;
}
