package org.parkgate.controller.audit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.parkgate.api.LostCardEntry;
import org.parkgate.api.LostCardStatus;
import org.parkgate.controller.command.LostCardRegister;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.money.Money;

/**
 * Prints the lost-card register (停车卡遗失登记), for finance:
 *
 * <pre>
 *   lostcards [--db DB] [--site FILE] [--zone ZONE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--full]
 * </pre>
 *
 * Days are whole days in the site's zone ({@code --site}, or {@code --zone}, else UTC), both ends
 * included. The driver's phone and ID number are printed masked unless {@code --full} is given. The
 * ledger is {@code --db}, else the site's data directory, else {@code data/ledger.db}. Exit status:
 * 0 printed, 1 the ledger could not be read, 2 bad arguments.
 */
public final class LostCardsMain {
  static final String USAGE =
      "usage: lostcards [--db DB] [--site FILE] [--zone ZONE] [--from YYYY-MM-DD]"
          + " [--to YYYY-MM-DD] [--full]";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private LostCardsMain() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    Path db = null;
    Optional<Path> siteFile = Optional.empty();
    Optional<String> zoneText = Optional.empty();
    Optional<String> fromText = Optional.empty();
    Optional<String> toText = Optional.empty();
    boolean full = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--full")) {
        full = true;
        continue;
      }
      if (!a.startsWith("--")) {
        return usage(err, "unexpected '" + a + "' (the ledger is given with --db)");
      }
      if (i + 1 >= args.size()) {
        return usage(err, a + " needs a value");
      }
      String v = args.get(++i);
      switch (a) {
        case "--db" -> db = Path.of(v);
        case "--site" -> siteFile = Optional.of(Path.of(v));
        case "--zone" -> zoneText = Optional.of(v);
        case "--from" -> fromText = Optional.of(v);
        case "--to" -> toText = Optional.of(v);
        default -> {
          return usage(err, "unknown option '" + a + "'");
        }
      }
    }
    AuditDays days;
    try {
      days = AuditDays.of(db, siteFile, zoneText, fromText, toText);
    } catch (AuditDays.Refused r) {
      if (r.withUsage) {
        return usage(err, r.getMessage());
      }
      err.println("lostcards: " + r.getMessage());
      return r.status;
    }
    ZoneId zone = days.zone();
    try (Ledger ledger = Ledger.open(days.ledger(), "")) {
      List<LostCardEntry> found =
          LostCardRegister.read(new LostCards(ledger), zone, days.from(), days.to());
      print(out, found, zone, days.described(), full);
      return 0;
    } catch (LedgerException e) {
      err.println("lostcards: " + e.getMessage());
      return 1;
    }
  }

  private static void print(
      PrintStream out, List<LostCardEntry> found, ZoneId zone, String range, boolean full) {
    out.println("Lost cards from " + range + " (" + zone + "): " + found.size());
    Map<String, Money> asked = new TreeMap<>();
    Map<LostCardStatus, Integer> byStatus = new TreeMap<>();
    int paid = 0;
    for (LostCardEntry e : found) {
      out.println(
          String.format(
              "  #%-5d %s  %-8s %s  plate %s  entry camera %s  exit camera %s  %s %s",
              e.lostCardNo(),
              TIME.format(e.registeredAt().atZone(zone)),
              e.lane(),
              e.matched() ? "stay " + e.stayId() + " card " + dash(e.card()) : "no matching entry",
              e.form().plate(),
              dash(e.entryPlate()),
              dash(e.exitPlate()),
              e.form().vehicleClass(),
              e.form().colour()));
      out.println(
          "         driver "
              + e.form().driverName()
              + "  phone "
              + (full ? e.form().phone() : mask(e.form().phone(), 3, 4))
              + "  ID "
              + (full ? e.form().idNumber() : mask(e.form().idNumber(), 6, 4)));
      out.println(
          "         fee "
              + e.parkingFee().toDecimalString()
              + " + card "
              + e.replacementFee().toDecimalString()
              + " = "
              + e.due()
              + "  registered by "
              + e.registeredBy()
              + "  "
              + e.status()
              + (e.decidedBy() == null ? "" : " by " + e.decidedBy())
              + (e.note() == null ? "" : " (" + e.note() + ")")
              + "  receipt "
              + dash(e.receiptNo()));
      out.println("         circumstances: " + e.form().circumstances());
      asked.merge(e.due().currency().getCurrencyCode(), e.due(), Money::plus);
      byStatus.merge(e.status(), 1, Integer::sum);
      if (e.receiptNo() != null) {
        paid++;
      }
    }
    if (!found.isEmpty()) {
      StringBuilder line = new StringBuilder("  asked ");
      line.append(String.join(", ", asked.values().stream().map(Money::toString).toList()));
      byStatus.forEach((s, n) -> line.append("; ").append(s).append(' ').append(n));
      line.append("; paid ").append(paid);
      out.println(line);
    }
  }

  /** {@code s} with all but its first {@code head} and last {@code tail} characters starred. */
  static String mask(String s, int head, int tail) {
    if (s == null || s.length() <= head + tail) {
      return dash(s);
    }
    return s.substring(0, head)
        + "*".repeat(s.length() - head - tail)
        + s.substring(s.length() - tail);
  }

  private static String dash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }

  private static int usage(PrintStream err, String why) {
    err.println("lostcards: " + why + "; " + USAGE);
    return 2;
  }
}
