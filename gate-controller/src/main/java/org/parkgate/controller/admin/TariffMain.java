package org.parkgate.controller.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.TariffVersions;
import org.parkgate.controller.site.AccessControl;
import org.parkgate.fee.Tariff;
import org.parkgate.fee.TariffException;
import org.parkgate.fee.TariffLoader;
import org.parkgate.fee.TariffPreview;
import org.parkgate.fee.TariffVersion;
import org.parkgate.site.SiteTariff;

/**
 * Changing a site's tariff safely, one subcommand each:
 *
 * <pre>
 *   tariff check FILE [--site FILE]      load FILE as the controller would and check it against
 *                                        the site: every problem on a line of its own, or OK and
 *                                        what the tariff holds
 *   tariff preview FILE [--against FILE] [--site FILE] [--date YYYY-MM-DD] [--format text|csv]
 *                                        typical stays under the tariff in force and under FILE,
 *                                        side by side (see {@link TariffPreview})
 *   tariff publish FILE --by WHO [--from DATE-TIME]
 *   tariff versions | tariff show N      the versions kept in the ledger ({@link TariffPublishing})
 * </pre>
 *
 * The tariff in force is {@code --against FILE}, or the version in force in the ledger ({@code --db
 * DB}, or the site's), or the one the site file names ({@link #inForce}). Exit status: 0 good, 1 a
 * tariff that cannot be used or does not fit the site, 2 bad arguments.
 */
public final class TariffMain {
  static final String USAGE =
      "usage: tariff check FILE [--site FILE]"
          + " | tariff preview FILE [--against FILE] [--site FILE] [--date YYYY-MM-DD]"
          + " [--format text|csv] [--db DB]"
          + " | tariff publish FILE --by WHO [--from DATE-TIME] | tariff versions | tariff show N"
          + " (publish, versions and show with [--db DB] or [--site FILE])";
  static final int BAD = 1;
  static final int BAD_ARGUMENTS = 2;

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  TariffMain(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    // Tariff names, fee lines and refusals may be in Chinese whatever the locale says.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8);
    System.exit(
        new TariffMain(org.parkgate.time.SharedClock.forMain("tariff"), out, err)
            .run(List.of(args)));
  }

  int run(List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    try {
      AdminArgs a = AdminArgs.parse(args, Set.of("against", "date", "format", "by", "from"));
      String command = a.word(0, "a command (check, preview, publish, versions, show)");
      TariffPublishing ledger = new TariffPublishing(clock, out, err);
      return switch (command) {
        case "check" -> check(a);
        case "preview" -> preview(a);
        case "publish" -> {
          onlyOptions(a, "publish", "by", "from", "db", "site");
          yield ledger.publish(a, t -> fitsSite(a, t));
        }
        case "versions" -> {
          onlyOptions(a, "versions", "db", "site");
          yield ledger.versions(a);
        }
        case "show" -> {
          onlyOptions(a, "show", "db", "site");
          yield ledger.show(a);
        }
        default -> usage("unknown command '" + command + "'");
      };
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    } catch (TariffException | LedgerException e) {
      err.println("tariff: " + e.getMessage());
      return BAD;
    }
  }

  /** What {@code check} would refuse of {@code tariff}, on one line; empty when it fits. */
  private static java.util.Optional<String> fitsSite(AdminArgs a, Tariff tariff) {
    List<String> problems = new ArrayList<>(unpricedDefaultClass(tariff));
    if (a.site() != null) {
      problems.addAll(SiteTariff.problems(a.site(), tariff));
    }
    return problems.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(String.join("; ", problems));
  }

  private int check(AdminArgs a) throws TariffException {
    Path file = Path.of(a.word(1, "a tariff file"));
    a.noMoreWords(2);
    onlyOptions(a, "check", "site");
    Tariff tariff;
    try {
      tariff = TariffLoader.load(file);
    } catch (TariffException e) {
      err.println(e.getMessage());
      return BAD;
    }
    List<String> problems = new ArrayList<>(unpricedDefaultClass(tariff));
    if (a.site() != null) {
      problems.addAll(SiteTariff.problems(a.site(), tariff));
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println(file + ": " + p));
      return BAD;
    }
    boolean named = !tariff.name().equals(tariff.id());
    out.println("OK " + tariff.id() + (named ? " (" + tariff.name() + ")" : ""));
    out.println("  currency " + tariff.currency() + ", zone " + tariff.zone());
    List<TariffVersion> versions = tariff.versions();
    for (int i = 0; i < versions.size(); i++) {
      TariffVersion v = versions.get(i);
      out.println(
          "  version "
              + (i + 1)
              + ", "
              + validity(v)
              + ": classes "
              + String.join(", ", new TreeSet<>(v.vehicleClasses()))
              + "; vouchers "
              + (v.voucherCodes().isEmpty()
                  ? "none"
                  : String.join(", ", new TreeSet<>(v.voucherCodes()))));
    }
    if (a.site() != null) {
      out.println("  fits site " + a.site().id() + ": currency, zone and the classes it names");
    }
    out.println("  sha256 " + TariffVersions.sha256(TariffLoader.read(file)));
    return 0;
  }

  /**
   * A vehicle no camera, card or season card classes is priced as {@link
   * AccessControl#defaultClass}; a tariff that prices classes but not that one would refuse it at
   * the exit.
   */
  private static List<String> unpricedDefaultClass(Tariff tariff) {
    List<String> problems = new ArrayList<>();
    List<TariffVersion> versions = tariff.versions();
    for (int i = 0; i < versions.size(); i++) {
      Set<String> priced = versions.get(i).vehicleClasses();
      String fallback = AccessControl.defaultClass(priced);
      if (priced.contains(fallback) || priced.contains("default")) {
        continue;
      }
      String known = String.join(", ", new TreeSet<>(priced));
      problems.add(
          (versions.size() > 1 ? "versions[" + i + "].classes: " : "classes: ")
              + "收费标准没有车型'"
              + fallback
              + "'的收费，未识别车型的车辆按"
              + fallback
              + "收费；已有车型："
              + known
              + " · no fee standard for vehicle class '"
              + fallback
              + "', the class of a vehicle no camera or card classes; the tariff prices: "
              + known
              + " (add a '"
              + fallback
              + "' or 'default' class)");
    }
    return problems;
  }

  private int preview(AdminArgs a) throws TariffException {
    Path file = Path.of(a.word(1, "a tariff file"));
    a.noMoreWords(2);
    onlyOptions(a, "preview", "against", "site", "date", "format", "db");
    String format = a.option("format") == null ? "text" : a.option("format");
    if (!format.equals("text") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format is text or csv, not " + format);
    }
    LocalDate date = null;
    if (a.option("date") != null) {
      try {
        date = LocalDate.parse(a.option("date"));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--date is a date YYYY-MM-DD, not " + a.option("date"));
      }
    }
    Tariff inForce = inForce(a);
    Tariff proposed = TariffLoader.load(file);
    ZoneId zone = a.site() != null ? a.site().zone() : inForce.zone();
    LocalDate from = date != null ? date : LocalDate.now(clock.withZone(zone));
    TariffPreview.Table table;
    try {
      table = TariffPreview.table(inForce, proposed, from);
    } catch (IllegalArgumentException e) {
      err.println("tariff: " + e.getMessage());
      return BAD;
    }
    out.print(format.equals("csv") ? PreviewText.csv(table) : PreviewText.text(table));
    return 0;
  }

  /**
   * The tariff in force: {@code --against FILE}; else the published version in force now in the
   * ledger ({@code --db DB}, or the site's, when it has one); else the one the site file ({@code
   * --site}) names. There is no default site file, as for the other admin commands.
   */
  Tariff inForce(AdminArgs a) throws TariffException {
    if (a.option("against") != null) {
      return TariffLoader.load(Path.of(a.option("against")));
    }
    if ((a.option("db") != null || a.site() != null) && Files.isRegularFile(a.db())) {
      try (Ledger ledger = Ledger.open(a.db(), "site")) {
        java.util.Optional<TariffVersions.Version> v =
            new TariffVersions(ledger).inForceAt(clock.instant());
        if (v.isPresent()) {
          return TariffLoader.parse(Path.of(v.get().source()), v.get().body());
        }
      }
    }
    if (a.site() != null) {
      return TariffLoader.load(a.site().tariff());
    }
    throw new IllegalArgumentException(
        "preview needs --against FILE, --db DB or --site FILE: the tariff in force to compare with");
  }

  /**
   * AdminArgs takes every subcommand's options (and --db); each refuses those it has no use for.
   */
  private static void onlyOptions(AdminArgs a, String command, String... used) {
    Set<String> mine = Set.of(used);
    for (String key : new TreeSet<>(a.options().keySet())) {
      if (!mine.contains(key)) {
        throw new IllegalArgumentException("--" + key + " is not an option of " + command);
      }
    }
  }

  private static String validity(TariffVersion v) {
    if (v.validFrom() == null && v.validUntil() == null) {
      return "always";
    }
    if (v.validUntil() == null) {
      return "from " + v.validFrom();
    }
    return (v.validFrom() == null ? "" : "from " + v.validFrom() + " ")
        + "until "
        + v.validUntil()
        + " (not included)";
  }

  private int usage(String why) {
    err.println("tariff: " + why);
    err.println(USAGE);
    return BAD_ARGUMENTS;
  }
}
