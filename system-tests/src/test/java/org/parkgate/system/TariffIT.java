package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.LedgerVerifier;

/**
 * A new tariff published with {@code ./parking tariff publish} while a car waits at the exit,
 * against real simulator, controller and console processes and a headless Chromium booth: the
 * waiting car pays the fee it was shown, under the version that priced it; the next car pays the
 * new price; the booth and each printed receipt name the version, and the ledger keeps both.
 */
class TariffIT {
  @TempDir static Path dir;
  static SystemFixture system;
  static BoothBrowser browser;
  static RunningProcess controller;

  @BeforeAll
  static void start() throws Exception {
    system = new SystemFixture(dir, "shanghai-indoor-1.yaml");
    controller = system.start();
    browser = system.booth("browser");
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void aTariffPublishedWhileACarWaitsPricesTheNextCar() throws Exception {
    browser.login("cashier1", "cashier1-demo");
    browser.fillFloat(Map.of(10000L, 1));
    browser.openShiftIfNone(Map.of());
    system.carAtExit();
    browser.awaitDue("exit-1", "5.00");
    String v1 = browser.awaitText("tariff-exit-1", "v1 shanghai-indoor-1");

    // First hour 6.00 instead of 5.00, published while the car waits.
    Path next = dir.resolve("shanghai-indoor-1-2027.yaml");
    Files.writeString(
        next,
        Files.readString(SystemFixture.ROOT.resolve("config/tariffs/shanghai-indoor-1.yaml"))
            .replace("price: \"5.00\"", "price: \"6.00\""));
    String published =
        system.admin(
            "TariffMain",
            "publish",
            next.toString(),
            "--by",
            "finance1",
            "--db",
            system.ledger.toString());
    assertTrue(published.contains("tariff version 2 published: shanghai-indoor-1"), published);
    controller.awaitLine("tariff v2 shanghai-indoor-1", java.time.Duration.ofSeconds(10));

    // The waiting car keeps the fee it was shown, and the version that priced it.
    browser.awaitDue("exit-1", "5.00");
    browser.awaitText("tariff-exit-1", "v1 shanghai-indoor-1");
    browser.tender("5");
    List<String> first = system.awaitPrinted("收费标准 Tariff: v1 shanghai-indoor-1");
    assertTrue(first.stream().anyMatch(l -> l.contains("5.00")), first.toString());
    carLeaves();

    system.carAtExit();
    browser.awaitDue("exit-1", "6.00");
    String v2 = browser.awaitText("tariff-exit-1", "v2 shanghai-indoor-1");
    browser.show("tariff-exit-1");
    browser.screenshot("tariff-version-on-the-fee");
    assertTrue(!v1.equals(v2), v1 + " then " + v2);
    browser.tender("6");
    system.awaitPrinted("收费标准 Tariff: v2 shanghai-indoor-1");
    carLeaves();

    assertEquals(
        "500 1,600 2",
        system.text(
            "SELECT group_concat(p.amount_minor || ' ' || t.version_no, ',') FROM payments p"
                + " JOIN payment_tariffs t ON t.payment_id = p.payment_id"),
        "each payment keeps the version that priced it");
    assertEquals(
        "site file,finance1",
        system.text("SELECT group_concat(published_by, ',') FROM tariff_versions"));
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  private static void carLeaves() throws Exception {
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
  }
}
