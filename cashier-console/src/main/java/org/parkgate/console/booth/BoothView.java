package org.parkgate.console.booth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parkgate.site.BarrierPosition;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/**
 * What the booth page draws, as sent to the browser. The console formats times and money here, so
 * the page needs no time-zone or decimal logic of its own.
 */
public final class BoothView {
  private BoothView() {}

  public record State(
      String type,
      Site site,
      Link link,
      Printer printer,
      List<Lane> lanes,
      List<Shift> shifts,
      List<FreePass> freePasses,
      List<OpenIncidents.OpenIncident> incidents) {}

  /**
   * What changed since the last state or change a page was sent: the lanes whose view changed, and
   * each other part only when it changed (null when it did not). A page merges it into the state it
   * holds; lanes are never added or removed this way (that is a whole {@link State}).
   */
  public record Change(
      String type,
      List<Lane> lanes,
      Link link,
      Printer printer,
      List<Shift> shifts,
      List<FreePass> freePasses,
      List<OpenIncidents.OpenIncident> incidents) {

    /**
     * What a page holding {@code before} needs to show {@code after}: empty when nothing it draws
     * changed, and no change at all (a whole state is due) when the site or the lanes themselves
     * are not the same.
     */
    static Optional<Change> between(State before, State after) {
      if (!applies(before, after)) {
        throw new IllegalArgumentException("the site or its lanes changed: send the whole state");
      }
      List<Lane> lanes = new ArrayList<>();
      for (int i = 0; i < after.lanes().size(); i++) {
        if (!after.lanes().get(i).equals(before.lanes().get(i))) {
          lanes.add(after.lanes().get(i));
        }
      }
      Change c =
          new Change(
              "change",
              List.copyOf(lanes),
              changed(before.link(), after.link()),
              changed(before.printer(), after.printer()),
              changed(before.shifts(), after.shifts()),
              changed(before.freePasses(), after.freePasses()),
              changed(before.incidents(), after.incidents()));
      boolean nothing =
          lanes.isEmpty()
              && c.link() == null
              && c.printer() == null
              && c.shifts() == null
              && c.freePasses() == null
              && c.incidents() == null;
      return nothing ? Optional.empty() : Optional.of(c);
    }

    /** Whether a page holding {@code before} can be brought to {@code after} by a change. */
    static boolean applies(State before, State after) {
      return before.site().equals(after.site())
          && before.lanes().stream()
              .map(Lane::id)
              .toList()
              .equals(after.lanes().stream().map(Lane::id).toList());
    }

    private static <T> T changed(T before, T after) {
      return Objects.equals(before, after) ? null : after;
    }
  }

  /**
   * A free pass asked and waiting for a supervisor's decision, oldest first in the state; {@code
   * plate} is empty when the exit camera read none.
   */
  public record FreePass(
      long passNo,
      String lane,
      long stayId,
      String card,
      String plate,
      String fee,
      String reason,
      String askedBy,
      String askedAt) {}

  /**
   * The booth's receipt printer: {@code state} a PrinterState name ({@code NONE} when none is
   * configured), {@code alarm} true when the booth should look, {@code text} in Chinese and
   * English, {@code waiting} the printouts kept until it can print, {@code dropped} those given up
   * because too many waited.
   */
  public record Printer(
      String state, boolean alarm, String text, String address, int waiting, long dropped) {}

  public record Site(String id, String name, String zone, String currency, String symbol) {}

  public record Link(boolean online, String detail, long lastSeq) {}

  /**
   * One lane, in the controller's words: {@code state}, {@code barrier} and {@code mode} are null
   * before the controller has said; {@code mode} is the lane mode it obeys.
   */
  public record Lane(
      String id,
      String name,
      LaneKind kind,
      LaneState state,
      BarrierPosition barrier,
      boolean vehiclePresent,
      List<String> display,
      LaneMode mode,
      List<String> offlineDevices,
      String notice,
      Pending pending,
      Paid paid) {}

  /**
   * A vehicle waiting at an exit, with the fee and its explanation; {@code tariff} names the
   * published tariff version that priced it ({@code v3 city-centre 1a2b3c4d}; null when none did).
   */
  public record Pending(
      long stayId,
      String card,
      String entryTime,
      String exitTime,
      String duration,
      long dueMinor,
      String due,
      String currency,
      List<Item> items,
      String tariff) {}

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
      String chainHead,
      String cashFloat,
      String expectedCash,
      String countedCash,
      String variance,
      List<DrawerView.TenderLine> byTender) {}

  /** One currency's takings in a shift, formatted. */
  public record ShiftTotal(
      String currency, long payments, String paid, long reversals, String reversed, String net) {}

  public record LogEntry(long seq, String time, String lane, String kind, String text) {}

  public record Log(String type, List<LogEntry> entries) {}
}
