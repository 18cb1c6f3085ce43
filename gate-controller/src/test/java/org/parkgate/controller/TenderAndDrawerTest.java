package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.CashCount;
import org.parkgate.api.CashCount.Pieces;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Refusal;
import org.parkgate.api.ShiftFigures;
import org.parkgate.api.Tender;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.money.Money;
import org.parkgate.site.LaneState;
import org.parkgate.site.SiteConfig;

/**
 * Tenders, change, floats and blind counts through the real command pipeline on a real ledger file:
 * what the cashier sees in the answers and what the ledger keeps.
 */
class TenderAndDrawerTest {
  static final Instant ENTRY = Instant.parse("2027-01-09T02:00:00Z");
  static final Money NINE = Money.of(900, "CNY");

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(ENTRY.plus(Duration.ofMinutes(121)), ZoneOffset.UTC);
  private ExitLaneSite lane;
  private Ledger ledger;
  private Desk desk;

  @BeforeEach
  void start() throws Exception {
    // A drawer limit of 160.00: a 150.00 float and a few cash payments reach it.
    SiteConfig config =
        ExitLaneSite.demo()
            .withCash(new SiteConfig.Cash(Money.of(16000, "CNY")))
            .withLostCardApproval(org.parkgate.site.LostCardApproval.NONE);
    lane = ExitLaneSite.open(dir, config, clock);
    ledger = lane.ledger;
    desk = lane.desk;
  }

  @AfterEach
  void stop() throws Exception {
    lane.close();
  }

  private long vehicleWaitingToPay(String card) throws Exception {
    return lane.waitingToPay(card, ENTRY);
  }

  private void awaitState(LaneState state) throws Exception {
    lane.awaitState(state);
  }

  private String session() {
    return desk.session("cashier1");
  }

  private static CashCount count(long... faceAndPieces) {
    java.util.List<Pieces> pieces = new java.util.ArrayList<>();
    for (int i = 0; i < faceAndPieces.length; i += 2) {
      pieces.add(new Pieces(faceAndPieces[i], faceAndPieces[i + 1]));
    }
    return new CashCount("CNY", pieces);
  }

  private Answer.ShiftOpen open(CashCount cashFloat) {
    return Desk.answer(
        desk.run(new ConsoleCommand.OpenShift(desk.id("open"), session(), cashFloat)),
        Answer.ShiftOpen.class);
  }

  private CommandResult pay(long stayId, Tender tender, Money tendered, String reference) {
    return desk.run(
        new ConsoleCommand.RecordCashPayment(
            desk.id("pay"), session(), "exit-1", stayId, NINE, tender, tendered, reference));
  }

  @Test
  void aPaymentThatComesBeforeTheLaneTookItsQuoteIsAskedAgainOrRefusedForItsAmount()
      throws Exception {
    open(count(10000, 1));
    long stayId = new Stays(ledger).recordEntry("entry-1", "CARD-EARLY", ENTRY).stayId();
    // The quote is made while the lane's thread is busy: the booth can have the fee before the
    // lane has taken it.
    ExitLaneSite.Hold ledgerHeld = lane.holdLedger();
    lane.exit.deliver(new LaneEvent.Inputs(ExitLaneSite.CLOSED_ARMED));
    lane.exit.deliver(new LaneEvent.CardRead("CARD-EARLY"));
    awaitState(LaneState.CHECKING);
    try (ExitLaneSite.Hold laneHeld = lane.holdLane()) {
      ledgerHeld.close();
      assertEquals(
          Optional.of(NINE),
          desk.onLedger(() -> lane.site.exits().asked(stayId).map(a -> a.due())));

      CommandResult wrong =
          desk.run(
              new ConsoleCommand.RecordCashPayment(
                  desk.id("pay"),
                  session(),
                  "exit-1",
                  stayId,
                  Money.of(800, "CNY"),
                  Tender.CASH,
                  null,
                  null));
      assertEquals(
          "amount 8.00 CNY does not match the 9.00 CNY due", Desk.refusal(wrong, Refusal.NOT_NOW));

      ConsoleCommand.RecordCashPayment right =
          new ConsoleCommand.RecordCashPayment(
              desk.id("pay"), session(), "exit-1", stayId, NINE, Tender.CASH, null, null);
      assertTrue(
          Desk.refusal(desk.run(right), Refusal.NOT_RECORDED)
              .contains("nothing recorded, send it again"));
      laneHeld.close();
      awaitState(LaneState.AWAITING_PAYMENT);
      // The same request sent again once the lane has the quote: taken.
      assertTrue(desk.run(right).ok());
    }
    awaitState(LaneState.OPENING);
    assertEquals(1, rows("SELECT COUNT(*) FROM payments"));
  }

  private long rows(String sql) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.getLong(1);
    }
  }

  @Test
  void cashTenderedAboveTheFeeGivesChangeOnTheReceiptAndInTheLedger() throws Exception {
    open(count(10000, 1, 1000, 5));
    long stayId = vehicleWaitingToPay("00A1B2C3D4");
    Answer.Receipt receipt =
        Desk.answer(pay(stayId, Tender.CASH, Money.of(2000, "CNY"), null), Answer.Receipt.class);
    assertEquals(Tender.CASH, receipt.tender());
    assertEquals(NINE, receipt.amount());
    assertEquals(Money.of(2000, "CNY"), receipt.tendered());
    assertEquals(Money.of(1100, "CNY"), receipt.change());
    ShiftFigures f = receipt.shift();
    assertEquals(Money.of(15000, "CNY"), f.cashFloat());
    assertEquals(Money.of(15900, "CNY"), f.expectedCash(), "float 150 + 20 tendered - 11 change");
    assertEquals(List.of(new ShiftFigures.TenderTotal(Tender.CASH, 1, NINE)), f.byTender());
    awaitState(LaneState.OPENING);
    assertEquals(
        "cash 2000 1100",
        ledgerRow(
            "SELECT tender || ' ' || tendered_minor || ' ' || change_minor FROM payment_tenders"));
    assertTrue(LedgerVerifier.verify(dir.resolve("ledger.db"), Optional.empty()).ok());
  }

  @Test
  void aTenderThatDoesNotFitIsRefusedAndNothingIsRecorded() throws Exception {
    open(CashCount.empty(java.util.Currency.getInstance("CNY")));
    long stayId = vehicleWaitingToPay("00A1B2C3D4");
    assertEquals(
        "tendered 5.00 CNY is less than the 9.00 CNY due",
        Desk.refusal(pay(stayId, Tender.CASH, Money.of(500, "CNY"), null), Refusal.INVALID));
    assertEquals(
        "tendered 200.00 CNY for 9.00 CNY due would give 191.00 CNY change, a 100.00 CNY note or"
            + " more: check the amount typed",
        Desk.refusal(pay(stayId, Tender.CASH, Money.of(20000, "CNY"), null), Refusal.INVALID));
    assertEquals(
        "tendered in USD; the fee is due in CNY",
        Desk.refusal(pay(stayId, Tender.CASH, Money.of(2000, "USD"), null), Refusal.INVALID));
    assertEquals(
        "a bank card payment needs the card terminal's reference number",
        Desk.refusal(pay(stayId, Tender.CARD, null, " "), Refusal.INVALID));
    assertEquals(
        "a card terminal reference is 6-12 digits, not '12AB'",
        Desk.refusal(pay(stayId, Tender.CARD, null, "12AB"), Refusal.INVALID));
    assertEquals(
        "a bank card payment takes exactly the 9.00 CNY due, not 10.00 CNY",
        Desk.refusal(pay(stayId, Tender.CARD, Money.of(1000, "CNY"), "123456"), Refusal.INVALID));
    assertEquals(
        "a mobile payment's transaction number is 16-64 letters or digits, not 'wx-1'",
        Desk.refusal(pay(stayId, Tender.MOBILE, null, "wx-1"), Refusal.INVALID));
    assertEquals(
        "a cash payment takes no reference, not '123456'",
        Desk.refusal(pay(stayId, Tender.CASH, null, "123456"), Refusal.INVALID));
    assertTrue(new Payments(ledger).all().isEmpty());
    assertEquals(LaneState.AWAITING_PAYMENT, lane.state());

    Answer.Receipt card =
        Desk.answer(pay(stayId, Tender.CARD, null, " 000123456789 "), Answer.Receipt.class);
    assertEquals("000123456789", card.reference());
    assertEquals(Money.of(0, "CNY"), card.change());
    assertEquals(Money.of(0, "CNY"), card.shift().expectedCash(), "a card puts no cash in");
    assertEquals("card", ledgerRow("SELECT method FROM payments"));
    assertEquals("000123456789", ledgerRow("SELECT reference FROM payment_tenders"));
  }

  @Test
  void noPaymentIsTakenWithoutAnOpenShiftNorAfterItClosesUntilTheNextOpens() throws Exception {
    long stayId = vehicleWaitingToPay("00A1B2C3D4");
    CommandResult noShift = pay(stayId, Tender.CASH, null, null);
    assertEquals(
        "cashier1 has no open shift: open a shift with its float before taking payments",
        Desk.refusal(noShift, Refusal.NOT_NOW));
    // The booth shows the half its cashier reads: the Chinese first, the English as it was.
    assertEquals(
        "cashier1 没有开班：请清点备用金开班后再收款 · cashier1 has no open shift: open a shift with its"
            + " float before taking payments",
        noShift.error());
    assertEquals(
        "cashier1 has no open shift: count the float into the drawer to open one",
        Desk.refusal(
            desk.run(new ConsoleCommand.OpenShift(desk.id("ask"), session())), Refusal.NOT_NOW));
    open(count(1000, 2));
    desk.run(new ConsoleCommand.CloseShift(desk.id("close"), session(), count(1000, 2)));
    assertEquals(
        "cashier1's shift 1 was closed at 2027-01-09 12:01: open a new shift with its float"
            + " before taking payments",
        Desk.refusal(pay(stayId, Tender.CASH, null, null), Refusal.NOT_NOW));
    assertTrue(new Payments(ledger).all().isEmpty(), "the closed shift did not reopen");
    assertEquals(1, rows("SELECT COUNT(*) FROM shift_opens"));

    assertEquals(2, open(count(1000, 2)).shiftNo());
    assertTrue(pay(stayId, Tender.CASH, null, null).ok());
    assertEquals(2, rows("SELECT shift_no FROM payment_tenders"));
  }

  @Test
  void aBadFloatOrCountIsRefusedAndAClosingNeedsACount() throws Exception {
    assertEquals(
        "float: no CNY note or coin of 3.00 (notes and coins: 100.00, 50.00, 20.00, 10.00, 5.00,"
            + " 1.00, 0.50, 0.10)",
        Desk.refusal(
            desk.run(new ConsoleCommand.OpenShift(desk.id("o"), session(), count(300, 1))),
            Refusal.INVALID));
    assertEquals(
        "float: the count of 10.00 is -1: a count is 0-10000 pieces",
        Desk.refusal(
            desk.run(new ConsoleCommand.OpenShift(desk.id("o"), session(), count(1000, -1))),
            Refusal.INVALID));
    assertEquals(
        "float: the count is in USD; the site counts its drawers in CNY",
        Desk.refusal(
            desk.run(
                new ConsoleCommand.OpenShift(
                    desk.id("o"), session(), new CashCount("USD", List.of()))),
            Refusal.INVALID));
    assertEquals(0, rows("SELECT COUNT(*) FROM shift_opens"));
    open(count(1000, 1));
    assertEquals(
        "count the drawer by note and coin to close the shift (an empty drawer counts as no"
            + " pieces)",
        Desk.refusal(
            desk.run(new ConsoleCommand.CloseShift(desk.id("c"), session())), Refusal.INVALID));
    assertEquals(0, rows("SELECT COUNT(*) FROM shifts"));
  }

  @Test
  void aBlindCountAtCloseShowsExpectedAgainstCountedWithTheVarianceAndTotalsByTender()
      throws Exception {
    assertEquals(Money.of(15000, "CNY"), open(count(10000, 1, 1000, 5)).figures().cashFloat());
    long stayId = vehicleWaitingToPay("00A1B2C3D4");
    assertTrue(pay(stayId, Tender.CASH, Money.of(5000, "CNY"), null).ok());
    long other = new Stays(ledger).recordEntry("entry-1", "00FFEE0011", ENTRY).stayId();
    CommandResult station =
        desk.run(
            new ConsoleCommand.PayStationPayment(
                desk.id("ps"),
                session(),
                "00FFEE0011",
                NINE,
                "pay-1",
                Tender.MOBILE,
                null,
                "4200001234202701091234567890"));
    assertEquals(other, Desk.answer(station, Answer.Receipt.class).stayId());

    // Expected: 150 float + 50 tendered - 41 change = 159; the drawer holds 158.50.
    CashCount drawer = count(10000, 1, 2000, 2, 1000, 1, 500, 1, 100, 3, 50, 1);
    CommandResult closed =
        desk.run(new ConsoleCommand.CloseShift(desk.id("close"), session(), drawer));
    Answer.ShiftReport report = Desk.answer(closed, Answer.ShiftReport.class);
    assertEquals(Money.of(15000, "CNY"), report.cashFloat());
    assertEquals(Money.of(15900, "CNY"), report.expectedCash());
    assertEquals(Money.of(15850, "CNY"), report.countedCash());
    assertEquals(Money.of(-50, "CNY"), report.variance(), "50 fen short");
    assertEquals(
        List.of(
            new ShiftFigures.TenderTotal(Tender.CASH, 1, NINE),
            new ShiftFigures.TenderTotal(Tender.MOBILE, 1, NINE)),
        report.byTender());

    ConsoleEvent.ShiftClosed announced =
        new EventLog(ledger)
            .eventsAfter(0, 100).stream()
                .filter(ConsoleEvent.ShiftClosed.class::isInstance)
                .map(ConsoleEvent.ShiftClosed.class::cast)
                .findFirst()
                .orElseThrow();
    assertEquals(Money.of(-50, "CNY"), announced.variance());
    assertEquals(report.byTender(), announced.byTender());
    assertEquals(
        "15000 15900 15850 -50 10000:1,2000:2,1000:1,500:1,100:3,50:1",
        ledgerRow(
            "SELECT float_minor || ' ' || expected_minor || ' ' || counted_minor || ' ' ||"
                + " variance_minor || ' ' || pieces FROM shift_counts"));
    assertTrue(LedgerVerifier.verify(dir.resolve("ledger.db"), Optional.empty()).ok());
  }

  @Test
  void theVerifierFindsADrawerCountRewritten() throws Exception {
    open(count(1000, 1));
    desk.run(new ConsoleCommand.CloseShift(desk.id("close"), session(), count(1000, 1)));
    desk.close();
    lane.settle();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
        Statement s = db.createStatement()) {
      s.executeUpdate("DROP TRIGGER shift_counts_no_update");
      s.executeUpdate("UPDATE shift_counts SET expected_minor = 900");
    }
    LedgerVerifier.Result result =
        LedgerVerifier.verify(dir.resolve("ledger.db"), Optional.empty());
    assertTrue(!result.ok() && result.summary().contains("shift_counts"), result.summary());
  }

  private CommandResult atStation(String card, Tender tender, Money tendered, String reference) {
    return desk.run(
        new ConsoleCommand.PayStationPayment(
            desk.id("ps"), session(), card, NINE, "pay-1", tender, tendered, reference));
  }

  private CommandResult drop(Money amount) {
    return desk.run(new ConsoleCommand.RecordCashDrop(desk.id("drop"), session(), amount));
  }

  @Test
  void pastTheDrawerLimitNoCashIsTakenUntilACashDropIsRecorded() throws Exception {
    Stays stays = new Stays(ledger);
    for (String card : List.of("0000000001", "0000000002", "0000000003", "0000000004")) {
      stays.recordEntry("entry-1", card, ENTRY);
    }
    open(count(10000, 1, 1000, 5));
    Answer.Receipt first =
        Desk.answer(
            atStation("0000000001", Tender.CASH, Money.of(2000, "CNY"), null),
            Answer.Receipt.class);
    assertEquals(Money.of(15900, "CNY"), first.shift().expectedCash());
    assertEquals(Money.of(16000, "CNY"), first.shift().drawerLimit());
    assertTrue(!first.shift().overLimit());
    Answer.Receipt second =
        Desk.answer(atStation("0000000002", Tender.CASH, null, null), Answer.Receipt.class);
    assertTrue(second.shift().overLimit(), "168.00 expected, past 160.00");

    assertEquals(
        "the drawer holds 168.00 CNY expected, past the 160.00 CNY cash limit: record a cash drop"
            + " before taking more cash",
        Desk.refusal(atStation("0000000003", Tender.CASH, null, null), Refusal.NOT_NOW));
    assertTrue(
        atStation("0000000003", Tender.MOBILE, null, "4200001234202701091234567890").ok(),
        "a mobile payment puts no cash in the drawer");

    assertEquals(
        "a drop of 200.00 CNY is more than the 168.00 CNY expected in the drawer",
        Desk.refusal(drop(Money.of(20000, "CNY")), Refusal.INVALID));
    assertEquals(
        "a cash drop is an amount in CNY above 0, not 0.00 CNY",
        Desk.refusal(drop(Money.of(0, "CNY")), Refusal.INVALID));
    assertEquals(0, rows("SELECT COUNT(*) FROM cash_drops"));
    Answer.CashDropped dropped =
        Desk.answer(drop(Money.of(10000, "CNY")), Answer.CashDropped.class);
    assertEquals("cashier1", dropped.by());
    assertEquals(Money.of(10000, "CNY"), dropped.figures().cashDropped());
    assertEquals(Money.of(6800, "CNY"), dropped.figures().expectedCash());
    assertEquals(
        "1 10000 cashier1",
        ledgerRow("SELECT shift_no || ' ' || amount_minor || ' ' || by_whom FROM cash_drops"));

    assertTrue(atStation("0000000004", Tender.CASH, null, null).ok(), "cash again after the drop");
    Answer.ShiftReport report =
        Desk.answer(
            desk.run(
                new ConsoleCommand.CloseShift(
                    desk.id("close"), session(), count(5000, 1, 2000, 1, 500, 1, 100, 2))),
            Answer.ShiftReport.class);
    assertEquals(Money.of(7700, "CNY"), report.expectedCash(), "150 + 20 - 11 + 9 - 100 + 9");
    assertEquals(Money.of(0, "CNY"), report.variance());
    assertTrue(LedgerVerifier.verify(dir.resolve("ledger.db"), Optional.empty()).ok());
  }

  private String ledgerRow(String sql) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.getString(1);
    }
  }
}
