package org.parkgate.controller.lane;

import org.parkgate.money.Money;

/** Something a lane learns: from its devices, or the answer to a command it gave. */
public sealed interface LaneEvent {
  /** The barrier I/O module's inputs, as polled (sent when any of them changed). */
  record Inputs(BarrierInputs inputs) implements LaneEvent {}

  /** The lane's card reader read a card. */
  record CardRead(String card) implements LaneEvent {}

  /** A card read before its vehicle was seen on the loop was held long enough: drop it. */
  record CardExpired(String card) implements LaneEvent {}

  /**
   * Entry: the ledger recorded the entry for {@code card}. A lane takes it only while it is still
   * dealing with that card: an answer that comes late, after its vehicle backed away and another
   * presented a card, is not taken for the other.
   */
  record EntryRecorded(String card, long stayId) implements LaneEvent {}

  /** Exit: the stay for {@code card}, and what is still due on it; taken as EntryRecorded is. */
  record ExitQuoted(String card, long stayId, Money due) implements LaneEvent {}

  /**
   * Exit: the driver waiting without a card lost the card of this stay; the cashier asked its
   * lost-card fee here. Taken only while the vehicle waits with no card being dealt with.
   */
  record LostCardQuoted(long stayId, Money due) implements LaneEvent {}

  /** The card cannot pass this lane (unknown, already inside...), and why. */
  record CardRefused(String card, String reason, DriverNotice notice) implements LaneEvent {
    /** A refusal the driver is told only to see the cashier about. */
    public CardRefused(String card, String reason) {
      this(card, reason, DriverNotice.SEE_CASHIER);
    }
  }

  /**
   * A stay was closed other than through this lane (a supervisor reset its card): a fee quoted for
   * it is not to be taken.
   */
  record StayClosed(long stayId) implements LaneEvent {}

  /**
   * Exit: what the waiting stay owes was priced again (a voucher was used) and is durably recorded;
   * nothing left due lifts the barrier.
   */
  record Requoted(long stayId, Money due) implements LaneEvent {}

  /**
   * Exit: a person at the booth lifted the barrier by hand for the vehicle waiting there, and it is
   * recorded with who and why.
   */
  record ManualLift() implements LaneEvent {}

  /** Exit: payment for the waiting stay is durably recorded, or a free pass waived it. */
  record Paid(long stayId) implements LaneEvent {}

  /** The lane's plate camera read the vehicle on the arming loop. */
  record PlateRead(Sighting sighting) implements LaneEvent {}

  /** A supervisor set the lane's mode; the change is already recorded with who and why. */
  record ModeSet(org.parkgate.site.LaneMode mode) implements LaneEvent {}

  /**
   * Entry: spaces free on the site now, and whether casual entry is closed because the site (or the
   * default class) is full. Season cards still enter when full. A negative {@code free} means the
   * site sets no limit: the display shows no count.
   */
  record SpacesFree(int free, boolean full) implements LaneEvent {}

  /** A timer the lane asked for with {@link LaneCommand.StartTimer} ran out. */
  record TimerFired(TimerKind kind, long token) implements LaneEvent {}

  /** The barrier's I/O module stopped answering (power lost, link down): why, as known. */
  record BarrierOffline(String detail) implements LaneEvent {}

  /**
   * The barrier's I/O module answers: again after {@code outFor} offline, or (null) for the first
   * time since start.
   */
  record BarrierOnline(java.time.Duration outFor) implements LaneEvent {}
}
