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
  ENTRY_NOT_PASSED,
  /**
   * The plate at an exit owes money at another of the operator's car parks (head office's copy of
   * that site's ledger, docs/central.md): shown to the cashier, who tells the driver; it is not
   * collected here.
   */
  OWES_ELSEWHERE;

  /** The kind in the booth's words, "中文 · English" (as the booth's incident list names it). */
  public String said() {
    return switch (this) {
      case ARM_LIFTED_WITHOUT_TRANSACTION -> "道闸被抬起 · Barrier lifted without a transaction";
      case TAILGATING -> "跟车 · Tailgating";
      case CLASS_MISMATCH -> "车型不符 · Vehicle class differs";
      case PLATE_MISMATCH -> "车牌不符 · Plate differs";
      case TICKET_SWAP -> "换卡 · Ticket swap";
      case PASSBACK_VIOLATION -> "防潜回违规 · Anti-passback violation";
      case BARRIER_STUCK -> "道闸故障 · Barrier stuck";
      case CARD_NOT_TAKEN -> "卡未取走 · Card not taken";
      case POWER_LOST -> "设备断电 · Power lost";
      case POWER_RESTORED -> "设备恢复供电 · Power restored";
      case BLACKLISTED -> "黑名单 · Blacklisted";
      case LEFT_UNPAID -> "欠费离场 · Left unpaid";
      case LOST_CARD -> "遗失卡 · Lost card";
      case LEDGER_CHECK_FAILED -> "账本校验失败 · Ledger check failed";
      case ENTRY_NOT_PASSED -> "入场未见通过 · Entry never seen passing";
      case OWES_ELSEWHERE -> "他场欠费 · Owes at another car park";
    };
  }

  /** {@code code}'s words in the booth's two languages; a code no kind has, as it is. */
  public static String said(String code) {
    for (IncidentKind k : values()) {
      if (k.name().equals(code)) {
        return k.said();
      }
    }
    return code;
  }
}
