package org.parkgate.controller.audit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parkgate.controller.ledger.IncidentResolutions;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;

/**
 * Prints the incidents the lanes recorded, for finance:
 *
 * <pre>
 *   incidents [DB] [--site FILE] [--zone ZONE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
 * </pre>
 *
 * Days are whole days in the site's zone ({@code --site}, or {@code --zone}, else UTC), both ends
 * included. The ledger is {@code DB}, else the site's data directory, else {@code data/ledger.db}.
 * Exit status: 0 printed, 1 the ledger could not be read, 2 bad arguments.
 */
public final class IncidentsMain {
  static final String USAGE =
      "usage: incidents [DB] [--site FILE] [--zone ZONE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private IncidentsMain() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    Path db = null;
    Optional<Path> siteFile = Optional.empty();
    Optional<String> zoneText = Optional.empty();
    Optional<String> fromText = Optional.empty();
    Optional<String> toText = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        if (db != null) {
          return usage(err, "one ledger file at most, got '" + db + "' and '" + a + "'");
        }
        db = Path.of(a);
        continue;
      }
      if (i + 1 >= args.size()) {
        return usage(err, a + " needs a value");
      }
      String v = args.get(++i);
      switch (a) {
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
      err.println("incidents: " + r.getMessage());
      return r.status;
    }
    ZoneId zone = days.zone();
    try (Ledger ledger = Ledger.open(days.ledger(), "")) {
      Incidents incidents = new Incidents(ledger);
      List<Incidents.Incident> found = incidents.between(days.start(), days.end());
      IncidentResolutions resolutions = new IncidentResolutions(ledger);
      print(
          out,
          found,
          no -> resolutions.resolution(no),
          zone,
          fromText.isPresent() ? days.from() : null,
          toText.isPresent() ? days.to() : null);
      return 0;
    } catch (LedgerException e) {
      err.println("incidents: " + e.getMessage());
      return 1;
    }
  }

  private static void print(
      PrintStream out,
      List<Incidents.Incident> found,
      java.util.function.LongFunction<java.util.Optional<IncidentResolutions.Resolution>> resolved,
      ZoneId zone,
      LocalDate from,
      LocalDate to) {
    String range =
        (from == null ? "the first" : from.toString())
            + " to "
            + (to == null ? "the last" : to.toString());
    out.println("Incidents from " + range + " (" + zone + "): " + found.size());
    for (Incidents.Incident i : found) {
      out.println(
          String.format(
              "  #%-5d %s  %-10s %-30s card %-12s plate %-10s %s",
              i.id(),
              TIME.format(i.at().atZone(zone)),
              i.lane(),
              i.kind(),
              dash(i.card()),
              dash(i.plate()),
              dash(i.detail())));
      out.println(
          resolved
              .apply(i.id())
              .map(
                  r ->
                      "         resolved "
                          + TIME.format(r.at().atZone(zone))
                          + " by "
                          + r.by()
                          + ": "
                          + r.note())
              .orElse("         unresolved"));
    }
    Map<String, Long> byKind = new java.util.TreeMap<>();
    found.forEach(i -> byKind.merge(i.kind(), 1L, Long::sum));
    List<String> counts = new ArrayList<>();
    byKind.forEach((k, n) -> counts.add(k + " " + n));
    if (!counts.isEmpty()) {
      out.println("  by kind: " + String.join(", ", counts));
    }
  }

  private static String dash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }

  private static int usage(PrintStream err, String why) {
    err.println("incidents: " + why + "; " + USAGE);
    return 2;
  }
}
