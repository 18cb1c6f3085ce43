package org.parkgate.controller.ledger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
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
    String chainHead) {

  public ShiftReport {
    totals = List.copyOf(totals);
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
    return out.toString();
  }
}
