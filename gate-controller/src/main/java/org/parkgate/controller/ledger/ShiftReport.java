package org.parkgate.controller.ledger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.parkgate.api.CashCount;
import org.parkgate.api.ShiftFigures;
import org.parkgate.money.Money;

/**
 * A closed shift's handover report: what the cashier took and what supervisors reversed of it while
 * the shift was open, per currency, the receipts range, and the chain head at closing so a printed
 * copy pins the ledger as it was.
 */
public record ShiftReport(
    long shiftNo,
    String cashier,
    Instant openedAt,
    Instant closedAt,
    long payments,
    String firstReceipt,
    String lastReceipt,
    long reversals,
    List<Total> totals,
    long chainLink,
    String chainHead,
    Drawer drawer) {

  public ShiftReport {
    totals = List.copyOf(totals);
  }

  /**
   * The drawer at closing: the shift's figures (float, takings by tender, cash expected) and the
   * blind count against them. Null for shifts closed before drawers were counted.
   */
  public record Drawer(ShiftFigures figures, Money counted, CashCount count) {
    /** Counted minus expected: cash over (长款) when positive, short (短款) when negative. */
    public Money variance() {
      return counted.minus(figures.expectedCash());
    }
  }

  /** One currency's takings in the shift; {@code reversed} is negative or zero. */
  public record Total(long payments, Money paid, long reversals, Money reversed) {
    public Money net() {
      return paid.plus(reversed);
    }
  }

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /** One line for the Z-report of the day the shift closed. */
  public String line(ZoneId zone) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                "  shift %d  %s  %s .. %s  %d payments, %d reversals",
                shiftNo,
                cashier,
                TIME.format(openedAt.atZone(zone)),
                TIME.format(closedAt.atZone(zone)),
                payments,
                reversals));
    for (Total t : totals) {
      out.append("  net ").append(t.net());
    }
    if (payments > 0) {
      out.append("  receipts ").append(firstReceipt).append(" .. ").append(lastReceipt);
    }
    if (drawer != null) {
      for (ShiftFigures.TenderTotal t : drawer.figures().byTender()) {
        out.append("\n    ")
            .append(t.tender().code())
            .append(' ')
            .append(t.payments())
            .append(" x  ")
            .append(t.taken());
      }
      out.append("\n    float ")
          .append(drawer.figures().cashFloat())
          .append("  cash expected ")
          .append(drawer.figures().expectedCash())
          .append("  counted ")
          .append(drawer.counted())
          .append("  variance ")
          .append(drawer.variance());
    }
    return out.toString();
  }
}
