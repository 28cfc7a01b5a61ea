package dev.hostdb.tenancy;

/** What {@link Billing#record(BillingEvent)} did with an event. */
public enum BillingOutcome {
  /** The event's state is now stored. */
  APPLIED,
  /** The event was processed before (a redelivery): nothing changed. */
  DUPLICATE,
  /** A later event's state is stored already: the event was noted and its state ignored. */
  STALE
}
