package org.parkgate.site;

/** Cheating and faults a lane flags instead of absorbing; each is kept for finance. */
public enum IncidentKind {
  /** The barrier reached its open limit with no transaction asking it to open. */
  ARM_LIFTED_WITHOUT_TRANSACTION,
  /** A second vehicle went through on another's opening. */
  TAILGATING,
  /** The vehicle class seen at the exit differs from the one recorded at entry. */
  CLASS_MISMATCH,
  /** The plate seen at the exit differs from the one recorded at entry. */
  PLATE_MISMATCH,
  /** A very long time since entry, but a short stay pattern: a ticket swapped between vehicles. */
  TICKET_SWAP,
  /** Soft anti-passback let a card through that should not have passed. */
  PASSBACK_VIOLATION,
  /** The barrier did not reach its limit in time after a command. */
  BARRIER_STUCK,
  /** The driver never took the issued card. */
  CARD_NOT_TAKEN,
  /** A lane's devices stopped answering all at once (power lost). */
  POWER_LOST,
  /** The lane's devices came back after a loss of power. */
  POWER_RESTORED,
  /** A blacklisted card or plate was presented at a lane and refused. */
  BLACKLISTED,
  /** A vehicle left owing money (for instance after a barrier fault). */
  LEFT_UNPAID,
  /** A driver at an exit lost the card; the cashier charged the lost-card fee and it was barred. */
  LOST_CARD,
  /**
   * The controller's check of its own ledger failed (at start or daily): a row or link was changed,
   * or a signed anchor no longer holds; the detail names the first bad entry.
   */
  LEDGER_CHECK_FAILED,
  /**
   * An entry was recorded but its vehicle was never seen passing the barrier (the controller
   * stopped during the entry, or the vehicle backed off before the arm opened): named at start so a
   * supervisor settles the stay.
   */
  ENTRY_NOT_PASSED
}
