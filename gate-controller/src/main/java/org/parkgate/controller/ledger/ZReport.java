package org.parkgate.controller.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.parkgate.money.Money;

/**
 * A daily closure: one business day's takings, numbered consecutively (an empty day gets its number
 * too), with the chain head at closing so a printed copy pins the ledger as it was, and the day's
 * incidents by kind.
 */
public record ZReport(
    long zNo,
    LocalDate businessDay,
    ZoneId zone,
    long payments,
    Money gross,
    String firstReceipt,
    String lastReceipt,
    long reversals,
    Money reversed,
    Money net,
    long chainLink,
    String chainHead,
    Instant closedAt,
    java.util.Map<String, Long> incidents) {

  public ZReport {
    incidents = java.util.Map.copyOf(incidents);
  }

  /** Incidents recorded that day (counted from the chained incidents table, not stored here). */
  public long incidentCount() {
    return incidents.values().stream().mapToLong(Long::longValue).sum();
  }

  private String incidentKinds() {
    return new java.util.TreeMap<>(incidents)
        .entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(java.util.stream.Collectors.joining(", "));
  }

  /** The report as printed for finance, with the cashier shifts closed that day. */
  public String render(java.util.List<ShiftReport> shiftsClosed) {
    StringBuilder out = new StringBuilder(render());
    out.append(
            shiftsClosed.isEmpty()
                ? "  shifts closed this day: none"
                : "  shifts closed this day: " + shiftsClosed.size())
        .append('\n');
    shiftsClosed.forEach(s -> out.append(s.line(zone)).append('\n'));
    java.util.Map<org.parkgate.api.Tender, long[]> byTender =
        new java.util.EnumMap<>(org.parkgate.api.Tender.class);
    java.util.Currency currency = null;
    for (ShiftReport s : shiftsClosed) {
      if (s.drawer() != null) {
        for (org.parkgate.api.ShiftFigures.TenderTotal t : s.drawer().figures().byTender()) {
          long[] sums = byTender.computeIfAbsent(t.tender(), k -> new long[2]);
          sums[0] += t.payments();
          sums[1] += t.taken().minor();
          currency = t.taken().currency();
        }
      }
    }
    if (currency != null) {
      out.append("  by tender in the shifts closed this day:\n");
      for (var e : byTender.entrySet()) {
        out.append(
                String.format(
                    "    %-8s %6d   %14s",
                    e.getKey().code(), e.getValue()[0], Money.of(e.getValue()[1], currency)))
            .append('\n');
      }
    }
    return out.toString();
  }

  /** The report as printed for finance. */
  public String render() {
    String receipts = payments == 0 ? "none" : firstReceipt + " .. " + lastReceipt;
    return String.join(
        "\n",
        "Z-report no. " + zNo + "  business day " + businessDay + " (" + zone + ")",
        String.format("  payments   %6d   %14s   receipts %s", payments, gross, receipts),
        String.format("  reversals  %6d   %14s", reversals, reversed),
        String.format("  net                 %14s", net),
        String.format("  incidents  %6d   %s", incidentCount(), incidentKinds()),
        "  ledger chain head at closing: link " + chainLink + " sha256 " + chainHead,
        "  closed at " + closedAt,
        "");
  }
}
