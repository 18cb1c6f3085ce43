package org.parkgate.site;

/**
 * Where a lane is in letting one vehicle through. The controller's lane state machine moves through
 * these; consoles show them as sent. docs/lanes.md draws the transitions.
 */
public enum LaneState {
  /** Started, device state not yet read: nothing is commanded before it is. */
  STARTING,
  /** Barrier down, nobody on the arming loop. */
  IDLE,
  /** A vehicle is on the arming loop; entry: a card was offered; exit: waiting for the card. */
  WAITING_CARD,
  /** A card was read; the ledger is recording the entry or looking up the stay and its fee. */
  CHECKING,
  /** Exit only: a fee is due and the display sends the driver to pay. */
  AWAITING_PAYMENT,
  /** The barrier was told to open for this vehicle. */
  OPENING,
  /** The vehicle is on the safety loop under the arm. */
  PASSING,
  /** The vehicle cleared the safety loop; the barrier was told to close. */
  CLOSING,
  /** Lane mode HELD_OPEN: the barrier is open and stays open; cards are still read and counted. */
  HELD_OPEN;

  /** The state in the booth's Chinese words (as the booth page shows it). */
  public String zh() {
    return switch (this) {
      case STARTING -> "启动中";
      case IDLE -> "空闲";
      case WAITING_CARD -> "等待读卡";
      case CHECKING -> "核验中";
      case AWAITING_PAYMENT -> "等待缴费";
      case OPENING -> "抬杆中";
      case PASSING -> "放行中";
      case CLOSING -> "落杆中";
      case HELD_OPEN -> "道闸常开";
    };
  }
}
