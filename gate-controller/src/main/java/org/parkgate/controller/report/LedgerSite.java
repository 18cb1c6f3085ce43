package org.parkgate.controller.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;
import org.parkgate.api.Said;
import org.parkgate.config.ConfigException;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * The ledger file, zone and currency the report commands work in: the ledger given ({@code --db}),
 * else the site's data directory, else {@code data/ledger.db}; the zone given ({@code --zone}),
 * else the site's, else the one the ledger's last Z-report was closed in, else UTC; the currency
 * the site's, else the ledger's last Z-report's, else its first payment's, else CNY.
 */
record LedgerSite(Path file, Optional<ZoneId> zone, Optional<Currency> currency) {
  static final Path DEFAULT_DB = Path.of("data/ledger.db");

  /** Bad input: one line, exit status 2. */
  static final class BadInput extends Exception {
    BadInput(String message) {
      super(message);
    }
  }

  static LedgerSite of(Optional<String> db, Optional<String> site, Optional<String> zoneText)
      throws BadInput {
    Optional<ZoneId> zone = Optional.empty();
    Optional<Currency> currency = Optional.empty();
    Path file = db.map(Path::of).orElse(null);
    if (site.isPresent()) {
      try {
        SiteConfig config = SiteConfigLoader.load(Path.of(site.get()));
        zone = Optional.of(config.zone());
        currency = Optional.of(config.currency());
        if (file == null) {
          file = config.controller().dataDir().resolve("ledger.db");
        }
      } catch (ConfigException e) {
        throw new BadInput(Said.of("站点文件有误", "--site " + site.get()) + ": " + e.getMessage());
      }
    }
    if (zoneText.isPresent()) {
      try {
        zone = Optional.of(ZoneId.of(zoneText.get()));
      } catch (DateTimeException e) {
        throw new BadInput(
            Said.of(
                "时区 '" + zoneText.get() + "' 无效",
                "--zone '" + zoneText.get() + "' is not a time zone such as Asia/Shanghai"));
      }
    }
    if (file == null) {
      file = DEFAULT_DB;
    }
    if (!Files.isRegularFile(file)) {
      throw new BadInput(Said.of("没有账本文件 " + file, "no ledger file at " + file));
    }
    return new LedgerSite(file, zone, currency);
  }

  /** The zone: given, or the one the ledger's last Z-report was closed in, or UTC. */
  ZoneId zoneIn(Ledger ledger) {
    return zone.orElseGet(
        () ->
            ledger.snapshot(
                db -> {
                  try (var s = db.createStatement();
                      var r =
                          s.executeQuery("SELECT zone FROM zreports ORDER BY z_no DESC LIMIT 1")) {
                    return r.next() ? ZoneId.of(r.getString(1)) : ZoneId.of("UTC");
                  }
                }));
  }

  /** The currency: the site's, or the ledger's last Z-report's or first payment's, or CNY. */
  Currency currencyIn(Ledger ledger) {
    return currency.orElseGet(
        () ->
            ledger.snapshot(
                db -> {
                  try (var s = db.createStatement();
                      var r =
                          s.executeQuery(
                              "SELECT currency FROM (SELECT currency, 0 AS k, -z_no AS n FROM"
                                  + " zreports UNION ALL SELECT currency, 1, payment_id FROM"
                                  + " payments) ORDER BY k, n LIMIT 1")) {
                    return Currency.getInstance(r.next() ? r.getString(1) : "CNY");
                  }
                }));
  }
}
