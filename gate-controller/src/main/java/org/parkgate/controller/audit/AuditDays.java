package org.parkgate.controller.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.parkgate.config.ConfigException;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * The ledger and the days a finance listing reads ({@code ./parking incidents}, {@code ./parking
 * lostcards}): whole days in the site's zone ({@code --site}, or {@code --zone}, else UTC), both
 * ends included; the ledger given, else the site's data directory, else {@code data/ledger.db}.
 */
record AuditDays(Path ledger, ZoneId zone, LocalDate from, LocalDate to, String described) {

  /** Why the listing cannot be read: its exit status, and whether the usage goes with it. */
  static final class Refused extends Exception {
    final int status;
    final boolean withUsage;

    Refused(int status, boolean withUsage, String message) {
      super(message);
      this.status = status;
      this.withUsage = withUsage;
    }
  }

  static AuditDays of(
      Path db,
      Optional<Path> siteFile,
      Optional<String> zoneText,
      Optional<String> fromText,
      Optional<String> toText)
      throws Refused {
    ZoneId zone = ZoneOffset.UTC;
    Path ledger = db;
    if (siteFile.isPresent()) {
      try {
        SiteConfig site = SiteConfigLoader.load(siteFile.get());
        zone = site.zone();
        if (ledger == null) {
          ledger = site.controller().dataDir().resolve("ledger.db");
        }
      } catch (ConfigException e) {
        throw new Refused(2, false, e.getMessage());
      }
    }
    LocalDate from;
    LocalDate to;
    try {
      if (zoneText.isPresent()) {
        zone = ZoneId.of(zoneText.get());
      }
      from = fromText.map(t -> date("--from", t)).orElse(LocalDate.of(2000, 1, 1));
      to = toText.map(t -> date("--to", t)).orElse(LocalDate.of(9999, 12, 30));
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new Refused(2, true, e.getMessage());
    }
    if (to.isBefore(from)) {
      throw new Refused(2, true, "--to " + to + " is before --from " + from);
    }
    Path file = ledger == null ? AuditMain.DEFAULT_DB : ledger;
    if (!Files.isRegularFile(file)) {
      throw new Refused(1, false, "no ledger file at " + file);
    }
    String described =
        (fromText.isPresent() ? from.toString() : "the first")
            + " to "
            + (toText.isPresent() ? to.toString() : "the last");
    return new AuditDays(file, zone, from, to, described);
  }

  /** The first instant of the first day. */
  Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the last day. */
  Instant end() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          option + " '" + text + "' is not a date such as 2027-01-09");
    }
  }
}
