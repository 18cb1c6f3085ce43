package org.parkgate.controller.command;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.parkgate.controller.SiteService;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * The demo site (config/sites/demo.yaml, 15 min free then 3.00 per started hour) on a real ledger
 * file in {@code dir}, with its own ledger thread and no lanes running: what command tests act on.
 */
public final class DemoSite implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  public final Ledger ledger;
  public final ExecutorService ledgerThread;
  public final SiteService site;

  private DemoSite(Ledger ledger, ExecutorService ledgerThread, SiteService site) {
    this.ledger = ledger;
    this.ledgerThread = ledgerThread;
    this.site = site;
  }

  public static DemoSite open(Path dir, Clock clock) throws Exception {
    SiteConfig config = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ExecutorService ledgerThread = Executors.newSingleThreadExecutor();
    SiteService site =
        new SiteService(
            config,
            TariffBook.open(ledger, config.tariff(), clock.instant()),
            ledger,
            clock,
            ledgerThread,
            new ConsoleHub());
    return new DemoSite(ledger, ledgerThread, site);
  }

  @Override
  public void close() throws InterruptedException {
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }
}
