package org.parkgate.controller.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.MutableClock;
import org.parkgate.money.Money;

/**
 * "No sale" drawer openings and receipt copies: recorded in the ledger with the session's person
 * and console before the console acts, refused for roles that do not work the booth, and answered
 * once per request id. A real ledger file and the demo tariff.
 */
class DrawerCommandsTest {
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");
  static final String CARD = "00A1B2C3D4";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private DemoSite demo;
  private Desk desk;

  @BeforeEach
  void start() throws Exception {
    demo = DemoSite.open(dir, clock);
    desk = new Desk(demo.site, clock);
  }

  @AfterEach
  void stop() throws Exception {
    desk.close();
    demo.close();
  }

  private Map<String, Long> rows() throws Exception {
    Map<String, Long> rows = new TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
        Statement st = db.createStatement()) {
      for (String t :
          new String[] {"drawer_openings", "receipt_reprints", "requests", "security_events"}) {
        try (ResultSet r = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
          rows.put(t, r.getLong(1));
        }
      }
    }
    return rows;
  }

  /** A car paid 9.00 at the pay station by cashier1: receipt demo-000001. */
  private String paidReceipt() {
    new Stays(demo.ledger).recordEntry("entry-1", CARD, T0);
    clock.set(T0.plus(Duration.ofMinutes(125)));
    CommandResult paid =
        desk.run(
            new ConsoleCommand.PayStationPayment(
                "pay-1", desk.onShift("cashier1"), CARD, Money.of(900, "CNY"), "pay-1"));
    return Desk.answer(paid, Answer.Receipt.class).receiptNo();
  }

  @Test
  void aNoSaleOpeningIsRecordedWithWhoAndWhyAndAnsweredOncePerRequestId() throws Exception {
    Map<String, Long> before = rows();
    CommandResult first =
        desk.run(new ConsoleCommand.OpenDrawer("drawer-1", desk.session("cashier1"), " change "));
    Answer.DrawerOpened opened = Desk.answer(first, Answer.DrawerOpened.class);
    assertEquals(new Answer.DrawerOpened(1, "cashier1", "change", T0), opened);
    assertEquals(before.get("drawer_openings") + 1, rows().get("drawer_openings"));

    clock.set(T0.plusSeconds(30));
    CommandResult again =
        desk.run(new ConsoleCommand.OpenDrawer("drawer-1", desk.session("cashier1"), "change"));
    assertEquals(first, again, "a retry gets the first answer");
    assertEquals(before.get("drawer_openings") + 1, rows().get("drawer_openings"), "not twice");

    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
        Statement st = db.createStatement();
        ResultSet r =
            st.executeQuery(
                "SELECT console_id, opened_by, reason, request_id FROM drawer_openings")) {
      assertTrue(r.next());
      assertEquals(Desk.CONSOLE, r.getString(1));
      assertEquals("cashier1", r.getString(2));
      assertEquals("change", r.getString(3));
      assertEquals("drawer-1", r.getString(4));
    }
  }

  @Test
  void onlyCashiersAndSupervisorsOpenTheDrawerAndAReasonIsNeeded() throws Exception {
    Map<String, Long> before = rows();
    for (String who : new String[] {"finance1", "admin1"}) {
      CommandResult r =
          desk.run(new ConsoleCommand.OpenDrawer(desk.id("d"), desk.session(who), "look"));
      Desk.refusal(r, Refusal.FORBIDDEN);
    }
    Desk.refusal(
        desk.run(new ConsoleCommand.OpenDrawer("d-blank", desk.session("cashier1"), "  ")),
        Refusal.INVALID);
    Desk.refusal(
        desk.run(
            new ConsoleCommand.OpenDrawer("d-long", desk.session("cashier1"), "x".repeat(201))),
        Refusal.INVALID);
    Map<String, Long> after = rows();
    assertEquals(before.get("drawer_openings"), after.get("drawer_openings"));
    assertEquals(before.get("requests"), after.get("requests"));
    assertEquals(before.get("security_events") + 2, after.get("security_events"));

    Answer.DrawerOpened bySupervisor =
        Desk.answer(
            desk.run(
                new ConsoleCommand.OpenDrawer("d-sup", desk.session("supervisor1"), "cash drop")),
            Answer.DrawerOpened.class);
    assertEquals("supervisor1", bySupervisor.by());
  }

  @Test
  void aReprintCarriesThePaymentFromTheLedgerAndCountsItsCopies() throws Exception {
    String receiptNo = paidReceipt();
    clock.set(T0.plus(Duration.ofHours(3)));
    CommandResult first =
        desk.run(
            new ConsoleCommand.ReprintReceipt("copy-1", desk.session("supervisor1"), receiptNo));
    Answer.ReceiptCopy copy = Desk.answer(first, Answer.ReceiptCopy.class);
    assertEquals(receiptNo, copy.receiptNo());
    assertEquals(1, copy.copyNo());
    assertEquals(CARD, copy.card());
    assertEquals("entry-1", copy.entryLane());
    assertEquals(T0, copy.enteredAt());
    assertEquals(Money.of(900, "CNY"), copy.amount());
    assertEquals("cash", copy.method());
    assertEquals("cashier1", copy.cashier(), "the cashier who took it, not who reprinted");
    assertEquals(T0.plus(Duration.ofMinutes(125)), copy.paidAt());
    assertEquals("supervisor1", copy.reprintedBy());
    assertEquals(T0.plus(Duration.ofHours(3)), copy.reprintedAt());
    assertFalse(copy.reversed());

    Answer.ReceiptCopy second =
        Desk.answer(
            desk.run(
                new ConsoleCommand.ReprintReceipt("copy-2", desk.session("cashier1"), receiptNo)),
            Answer.ReceiptCopy.class);
    assertEquals(2, second.copyNo());
    assertEquals(
        first,
        desk.run(
            new ConsoleCommand.ReprintReceipt("copy-1", desk.session("supervisor1"), receiptNo)),
        "the same request id gets the first copy's answer");
    assertEquals(2L, rows().get("receipt_reprints"));

    Desk.refusal(
        desk.run(new ConsoleCommand.ReprintReceipt("copy-3", desk.session("finance1"), receiptNo)),
        Refusal.FORBIDDEN);
    assertEquals(
        "no receipt demo-999999 to reprint",
        Desk.refusal(
            desk.run(
                new ConsoleCommand.ReprintReceipt(
                    "copy-4", desk.session("cashier1"), "demo-999999")),
            Refusal.NOT_NOW));
    assertEquals(2L, rows().get("receipt_reprints"));

    LedgerVerifier.Result verified =
        LedgerVerifier.verify(dir.resolve("ledger.db"), java.util.Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }
}
