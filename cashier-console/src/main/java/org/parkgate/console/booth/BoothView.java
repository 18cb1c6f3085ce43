package org.parkgate.console.booth;

import java.util.List;

/**
 * What the booth page draws, as sent to the browser. The console formats times and money here, so
 * the page needs no time-zone or decimal logic of its own.
 */
public final class BoothView {
  private BoothView() {}

  public record State(String type, Site site, Link link, List<Lane> lanes, List<Shift> shifts) {}

  public record Site(String id, String name, String zone, String currency, String symbol) {}

  public record Link(boolean online, String detail, long lastSeq) {}

  /**
   * One lane; {@code mode} is the lane mode it obeys ({@code NORMAL}, {@code HELD_OPEN}, {@code
   * CLOSED}, {@code FREE_EXIT}), empty before the controller has said.
   */
  public record Lane(
      String id,
      String name,
      String kind,
      String state,
      String barrier,
      boolean vehiclePresent,
      List<String> display,
      String mode,
      List<String> offlineDevices,
      String notice,
      Pending pending,
      Paid paid) {}

  /** A vehicle waiting at an exit, with the fee and its explanation. */
  public record Pending(
      long stayId,
      String card,
      String entryTime,
      String exitTime,
      String duration,
      long dueMinor,
      String due,
      String currency,
      List<Item> items) {}

  public record Item(String period, String rule, long quantity, String amount) {}

  /** The last payment at a lane, shown until the vehicle has left. */
  public record Paid(
      long stayId, String card, String receiptNo, String amount, String cashier, String time) {}

  /** A closed shift's handover report (交接班), newest first in the state. */
  public record Shift(
      long shiftNo,
      String cashier,
      String openedAt,
      String closedAt,
      long payments,
      long reversals,
      String receipts,
      List<ShiftTotal> totals,
      long chainLink,
      String chainHead) {}

  /** One currency's takings in a shift, formatted. */
  public record ShiftTotal(
      String currency, long payments, String paid, long reversals, String reversed, String net) {}

  public record LogEntry(long seq, String time, String lane, String kind, String text) {}

  public record Log(String type, List<LogEntry> entries) {}
}
