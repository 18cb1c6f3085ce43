package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.LedgerVerifier;

/**
 * Vouchers from the register to the barrier, with the real processes and the booth in headless
 * Chromium: finance issues a batch with {@code ./parking vouchers issue}, the cashier types a code
 * for the car waiting, the fee drops, the receipt printed shows what was paid, the code is used up
 * and refused for the next car, and a code that waives the fee opens the barrier with no payment.
 */
class VoucherIT {
  static final String TARIFF =
      """
      id: voucher-e2e
      name: Voucher end-to-end
      currency: CNY
      zone: Asia/Shanghai
      rules:
        standard:
          first: {length: 1h, price: "5.00"}
          unit: 30m
          price: "2.00"
          rounding: up
      vouchers:
        HALF: {percent: 50}
        SHOP1H: {time: 1h}
      """;

  @TempDir static Path dir;
  static SystemFixture system;
  static BoothBrowser booth;

  @BeforeAll
  static void start() throws Exception {
    Path tariff = dir.resolve("voucher-e2e.yaml");
    Files.writeString(tariff, TARIFF);
    system = new SystemFixture(dir, tariff.toString());
    system.start();
    booth = system.booth("booth");
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void aVoucherFromTheRegisterLowersTheFeeOnceAndAFreeOneOpensTheBarrier() throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    List<String> half = issue("HALF", "Cinema Lumière", 2, today);
    List<String> free = issue("SHOP1H", "Cafe Nord", 1, today);
    assertEquals(2, half.size(), "two codes written: " + half);

    booth.login("cashier1", "cashier1-demo");
    booth.openShiftIfNone(java.util.Map.of(10000L, 2));
    String card = system.carAtExit();
    booth.awaitDue("exit-1", "5.00");
    booth.typeAndEnter("voucher-exit-1", half.get(0));
    String applied = booth.awaitText("action-result-exit-1", "Voucher applied");
    assertTrue(applied.contains(half.get(0)), applied);
    booth.awaitDue("exit-1", "2.50");
    booth.screenshot("voucher-applied");
    assertEquals("closed", SystemFixture.barrier(system.lane("exit-1")), "2.50 still to pay");

    booth.leaveField();
    String receipt = booth.cashReceived("exit-1");
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
    List<String> printed = system.awaitPrinted(receipt);
    assertTrue(printed.contains("卡号 Card: " + card), "the receipt names the card: " + printed);
    assertTrue(
        printed.stream().anyMatch(l -> l.startsWith("应收 Due: 2.50 CNY")),
        "the receipt shows the 2.50 paid after the voucher: " + printed);
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");

    // The same code for the next car: refused as used, the fee unchanged.
    system.carAtExit();
    booth.awaitDue("exit-1", "5.00");
    booth.typeAndEnter("voucher-exit-1", half.get(0));
    String refused = booth.awaitText("action-result-exit-1", "Voucher not applied");
    assertTrue(refused.contains("used"), "says it was used: " + refused);
    booth.awaitDue("exit-1", "5.00");
    // A code voided by finance is refused too.
    system.admin(
        "VouchersMain",
        "void",
        half.get(1),
        "--reason",
        "reported stolen",
        "--by",
        "finance1",
        "--site",
        system.site.toString());
    booth.typeAndEnter("voucher-exit-1", half.get(1));
    String voided = booth.awaitText("action-result-exit-1", "voided");
    assertTrue(voided.contains("Voucher not applied"), voided);

    // An hour not charged covers this stay: nothing left to pay, the barrier opens.
    booth.typeAndEnter("voucher-exit-1", free.get(0));
    system.awaitLane(
        "exit-1", "barrier open with nothing due", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");

    try (Connection db = system.readOnly();
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT r.lane, r.due_before, r.due_after, r.cashier, b.kind"
                    + " FROM voucher_redemptions r JOIN vouchers v USING (voucher_id)"
                    + " JOIN voucher_batches b USING (batch_no) ORDER BY r.redeemed_at")) {
      assertTrue(r.next(), "the first code is used up");
      assertEquals("exit-1", r.getString(1));
      assertEquals(500, r.getLong(2));
      assertEquals(250, r.getLong(3));
      assertEquals("cashier1", r.getString(4));
      assertEquals("HALF", r.getString(5));
      assertTrue(r.next(), "the free code is used up");
      assertEquals(0, r.getLong(3));
      assertEquals("SHOP1H", r.getString(5));
      assertTrue(!r.next(), "the used and the voided code were not used again");
    }
    assertEquals(1, system.number("SELECT COUNT(*) FROM payments"), "one payment: the 2.50");
    String shown =
        system.admin("VouchersMain", "show", half.get(0), "--site", system.site.toString());
    assertTrue(shown.contains("used at exit-1"), shown);
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  /** Issues a batch as finance does and returns its codes, as printed, from the CSV written. */
  private static List<String> issue(String kind, String issuer, int count, LocalDate today)
      throws Exception {
    Path csv = dir.resolve(kind + ".csv");
    system.admin(
        "VouchersMain",
        "issue",
        "--kind",
        kind,
        "--issuer",
        issuer,
        "--count",
        String.valueOf(count),
        "--from",
        today.toString(),
        "--to",
        today.plusDays(30).toString(),
        "--by",
        "finance1",
        "--out",
        csv.toString(),
        "--site",
        system.site.toString());
    return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[0]).toList();
  }
}
