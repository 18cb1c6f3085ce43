package org.parkgate.controller.admin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.TariffVersions;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.fee.SiteTime;
import org.parkgate.fee.Tariff;
import org.parkgate.fee.TariffException;
import org.parkgate.fee.TariffLoader;

/**
 * The tariff versions kept in the ledger:
 *
 * <pre>
 *   tariff publish FILE --by WHO [--from DATE-TIME]   a new version, in force from now or later
 *   tariff versions                                   every version, the one in force marked
 *   tariff show N                                     the text of version N as published
 * </pre>
 *
 * A running controller takes a published version within a second, without a restart; the fee of a
 * vehicle already quoted keeps the version that quoted it. Each takes {@code --db DB} or {@code
 * --site FILE}.
 */
final class TariffPublishing {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  TariffPublishing(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  /**
   * Publishes FILE as the next version. Refused, with nothing written: a file that is not a valid
   * tariff, a currency or zone other than the version in force, a start before now or before the
   * latest version's, the text of the latest version again.
   *
   * @param check the site's own checks of a tariff (classes its lanes name, ...), empty when none
   */
  int publish(AdminArgs a, java.util.function.Function<Tariff, Optional<String>> check)
      throws TariffException {
    Path file = Path.of(a.word(1, "the tariff file to publish"));
    String by = a.required("by");
    a.noMoreWords(2);
    String text = TariffLoader.read(file);
    Tariff proposed = TariffLoader.parse(file, text);
    Instant now = clock.instant();
    Instant from = now;
    if (a.option("from") != null) {
      try {
        from = SiteTime.instant(a.option("from").strip(), proposed.zone());
      } catch (IllegalArgumentException e) { // not a date-time, or a local time DST makes unclear
        throw new IllegalArgumentException("--from: " + e.getMessage());
      }
    }
    Optional<String> wrong = check.apply(proposed);
    if (wrong.isPresent()) {
      err.println("tariff: " + file + ": " + wrong.get());
      return 1;
    }
    try (Ledger ledger = Ledger.open(a.db(), "site")) {
      TariffVersions versions = new TariffVersions(ledger);
      Optional<TariffVersions.Version> inForce = versions.inForceAt(now);
      if (inForce.isPresent()) {
        Tariff current = TariffLoader.parse(Path.of(inForce.get().source()), inForce.get().body());
        Optional<String> mismatch = TariffBook.mismatch(current, proposed);
        if (mismatch.isPresent()) {
          err.println("tariff: " + file + ": " + mismatch.get());
          return 1;
        }
      }
      TariffVersions.Version v =
          versions.publish(
              new TariffVersions.Draft(text, proposed.id(), proposed.name(), file.toString()),
              from,
              by,
              now);
      out.println(
          "tariff version "
              + v.versionNo()
              + " published: "
              + v.tariffId()
              + " ("
              + v.name()
              + "), sha256 "
              + v.sha256()
              + ", in force from "
              + local(v.inForceFrom(), proposed.zone())
              + ", by "
              + v.publishedBy());
      out.println(
          "a running controller takes it within a second; a vehicle already quoted keeps its fee");
      return 0;
    }
  }

  /** Every version, oldest first, the one in force now marked with {@code *}. */
  int versions(AdminArgs a) throws TariffException {
    a.noMoreWords(1);
    if (!ledgerExists(a)) {
      return 1;
    }
    try (Ledger ledger = Ledger.open(a.db(), "site")) {
      TariffVersions versions = new TariffVersions(ledger);
      List<TariffVersions.Version> all = versions.all();
      if (all.isEmpty()) {
        out.println("no tariff published yet: the controller publishes its site file's at start");
        return 0;
      }
      long inForce = versions.inForceAt(clock.instant()).map(v -> v.versionNo()).orElse(0L);
      out.println("   version  tariff                 sha256    in force from              by");
      for (TariffVersions.Version v : all) {
        ZoneId zone = TariffLoader.parse(Path.of(v.source()), v.body()).zone();
        out.printf(
            "%s %7d  %-22s %s  %-25s  %s%n",
            v.versionNo() == inForce ? "*" : " ",
            v.versionNo(),
            v.tariffId(),
            v.ref().shortHash(),
            local(v.inForceFrom(), zone),
            v.publishedBy());
      }
      return 0;
    }
  }

  /** The text of one version, exactly as published. */
  int show(AdminArgs a) {
    String word = a.word(1, "the version number");
    a.noMoreWords(2);
    long n;
    try {
      n = Long.parseLong(word);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + word + "' is not a version number");
    }
    if (!ledgerExists(a)) {
      return 1;
    }
    try (Ledger ledger = Ledger.open(a.db(), "site")) {
      Optional<TariffVersions.Version> v =
          new TariffVersions(ledger).all().stream().filter(x -> x.versionNo() == n).findFirst();
      if (v.isEmpty()) {
        err.println("tariff: no version " + n + " in " + a.db());
        return 1;
      }
      out.print(v.get().body());
      return 0;
    }
  }

  /** Reading never makes a ledger: a mistyped --db is said, not created. */
  private boolean ledgerExists(AdminArgs a) {
    if (java.nio.file.Files.isRegularFile(a.db())) {
      return true;
    }
    err.println("tariff: no ledger at " + a.db());
    return false;
  }

  private static String local(Instant at, ZoneId zone) {
    return LOCAL.format(at.atZone(zone)) + " " + at.atZone(zone).getOffset();
  }
}
