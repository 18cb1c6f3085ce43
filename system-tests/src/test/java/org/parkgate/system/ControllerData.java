package org.parkgate.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.parkgate.config.ConfigException;
import org.parkgate.controller.auth.AccountsStart;
import org.parkgate.controller.auth.ConsoleCredentials;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.OwnerOnly;
import org.parkgate.controller.ledger.SiteKey;
import org.parkgate.controller.tls.ConsoleTls;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * What a controller makes in its data folder on a site's first start, made once per test JVM and
 * site and copied into each test's data folder: the migrated ledger signed with the site key and
 * holding the demo accounts, and the console API's TLS identity. The demo accounts' password hashes
 * and the certificate were about half of each controller's start, and every test starts one (some
 * tests one per method); as head office's tests copy one PostgreSQL cluster (PgCluster). The same
 * calls as the controller's first start make it, so each test's controller starts as on its second
 * start. A first start is still run for real by every scenario ScenarioIT runs, and by the
 * controller's own tests.
 */
final class ControllerData {
  private static final Map<String, Path> TEMPLATES = new HashMap<>();

  private ControllerData() {}

  /**
   * Fills {@code data} as the controller's first start on {@code siteFile} would, unless it holds a
   * ledger already (a restart, or a test's own ledger) or the site file does not load (the
   * controller is to name what is wrong with it); true when it filled it.
   */
  static synchronized boolean seed(Path siteFile, Path data) throws IOException {
    return fill(siteFile, data) != null;
  }

  /**
   * As {@link #seed}, and in the data folder it filled enrols {@code consoleId} with its credential
   * where the console looks for it, as {@code ./parking consoles ensure} does on a ledger that has
   * never seen that console; the same calls, without the start of a JVM of its own before every
   * test's controller. False, and nothing enrolled, when {@code data} was not filled.
   */
  static synchronized boolean seedWithConsole(Path siteFile, Path data, String consoleId)
      throws IOException {
    SiteConfig site = fill(siteFile, data);
    if (site == null) {
      return false;
    }
    try (Ledger ledger = Ledger.open(data.resolve("ledger.db"), site.id())) {
      String credential = ConsoleCredentials.enrol(ledger, consoleId, "setup", Instant.now());
      OwnerOnly.writeNew(
          data.resolve("console").resolve(consoleId + ".credential"), credential + "\n");
    }
    return true;
  }

  /** Copies the site's template into {@code data}; the site, or null when {@code seed} says not. */
  private static SiteConfig fill(Path siteFile, Path data) throws IOException {
    if (Files.exists(data.resolve("ledger.db"))) {
      return null;
    }
    SiteConfig site;
    try {
      site = SiteConfigLoader.load(siteFile);
    } catch (ConfigException e) {
      return null;
    }
    String key = site.id() + " " + site.controller().bindHost();
    Path template = TEMPLATES.get(key);
    if (template == null) {
      template = make(site);
      TEMPLATES.put(key, template);
    }
    Files.createDirectories(data, PosixFilePermissions.asFileAttribute(owner()));
    try (Stream<Path> files = Files.list(template)) {
      for (Path f : files.toList()) {
        Files.copy(f, data.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return site;
  }

  private static Path make(SiteConfig site) throws IOException {
    Path data = SystemFixture.scratchFolder("controller-data-").resolve(site.id());
    Path ledgerFile = data.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(ledgerFile, site.id())) {
      ledger.signWith(SiteKey.loadOrCreate(data));
      AccountsStart.ensure(ledger, null, Instant.now());
    }
    ConsoleTls.identity(site, data);
    try (Stream<Path> files = Files.list(data)) {
      // The ledger closed: no write-ahead log left beside it to copy half of.
      List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
      if (!names.equals(List.of("console-tls.p12", "ledger.db", "site-key", "site-key.pub"))) {
        throw new IllegalStateException("the template data folder holds " + names);
      }
    }
    return data;
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> owner() {
    return PosixFilePermissions.fromString("rwx------");
  }
}
