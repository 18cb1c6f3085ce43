package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.CashCount;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.ShiftSheet;
import org.parkgate.api.Tender;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.SiteConfig;

/**
 * The shift from float to handover through the real command pipeline on a real ledger file: the
 * blind count of cash, IC cards and receipts, the incoming cashier accepting the drawer with their
 * own password, incidents resolved before a close, and what the ledger keeps.
 */
class HandoverTest {
  static final Instant ENTRY = Instant.parse("2027-01-09T02:00:00Z");
  static final Money NINE = Money.of(900, "CNY");

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(ENTRY.plus(Duration.ofMinutes(121)), ZoneOffset.UTC);
  private ExitLaneSite lane;
  private Ledger ledger;
  private Desk desk;

  @BeforeEach
  void start() throws Exception {
    // The test's booth looks after exit-1 only: incidents at entry-1 are another booth's.
    SiteConfig config =
        ExitLaneSite.demo()
            .withBooths(
                List.of(new org.parkgate.site.BoothConfig(Desk.CONSOLE, null, List.of("exit-1"))))
            .withLostCardApproval(org.parkgate.site.LostCardApproval.NONE);
    lane = ExitLaneSite.open(dir, config, clock);
    ledger = lane.ledger;
    desk = lane.desk;
  }

  @AfterEach
  void stop() throws Exception {
    lane.close();
  }

  private static CashCount count(long... faceAndPieces) {
    List<CashCount.Pieces> pieces = new ArrayList<>();
    for (int i = 0; i < faceAndPieces.length; i += 2) {
      pieces.add(new CashCount.Pieces(faceAndPieces[i], faceAndPieces[i + 1]));
    }
    return new CashCount("CNY", pieces);
  }

  private String cashier1() {
    return desk.session("cashier1");
  }

  private void openShift(String session, CashCount cashFloat) {
    Desk.answer(
        desk.run(new ConsoleCommand.OpenShift(desk.id("open"), session, cashFloat)),
        Answer.ShiftOpen.class);
  }

  /** A car paying 9.00 in cash at exit-1 with a 10.00 note. */
  private void carPaysNine(String card) throws Exception {
    long stayId = lane.waitingToPay(card, ENTRY);
    Desk.answer(
        desk.run(
            new ConsoleCommand.RecordCashPayment(
                desk.id("pay"),
                cashier1(),
                "exit-1",
                stayId,
                NINE,
                Tender.CASH,
                Money.of(1000, "CNY"),
                null)),
        Answer.Receipt.class);
  }

  private ConsoleCommand.HandOverShift handover(
      String id, String incoming, String password, CashCount counted, CashCount recounted) {
    return new ConsoleCommand.HandOverShift(
        id, cashier1(), counted, 1L, 1L, incoming, password, recounted, null);
  }

  private long rows(String sql) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.getLong(1);
    }
  }

  private Incidents.Incident incident(IncidentKind kind) {
    return incident("exit-1", kind);
  }

  private Incidents.Incident incident(String lane, IncidentKind kind) {
    return desk.onLedger(
        () ->
            new Incidents(ledger)
                .record(lane, kind, "00FF", null, "seen by the lane", clock.instant()));
  }

  @Test
  void anIncidentAtALaneOfAnotherBoothDoesNotHoldThisBoothsClose() throws Exception {
    openShift(cashier1(), count(10000, 1));
    incident("entry-1", IncidentKind.CARD_NOT_TAKEN);
    Answer.ShiftReport report =
        Desk.answer(
            desk.run(
                new ConsoleCommand.CloseShift(
                    desk.id("close"), cashier1(), count(10000, 1), 0L, 0L)),
            Answer.ShiftReport.class);
    assertTrue(report.sheet().incidents().isEmpty(), report.sheet().incidents().toString());
  }

  @Test
  void theIncomingCashierAcceptsTheCountedDrawerAndOwnsWhatIsFoundLater() throws Exception {
    openShift(cashier1(), count(10000, 1));
    carPaysNine("00A1B2C3D4");
    // Expected 109.00 (float 100, 10 tendered, 1 change); both count 105.00: 4.00 short.
    CommandResult r =
        desk.run(
            handover(
                "hand-1",
                "cashier2",
                Desk.PASSWORD,
                count(10000, 1, 500, 1),
                count(500, 1, 10000, 1)));
    Answer.HandedOver done = Desk.answer(r, Answer.HandedOver.class);
    ShiftSheet closed = done.closed();
    assertEquals("cashier1", closed.cashier());
    assertEquals("cashier2", closed.handedTo());
    assertEquals(Money.of(10900, "CNY"), closed.expectedCash());
    assertEquals(Money.of(10500, "CNY"), closed.countedCash());
    assertEquals(Money.of(-400, "CNY"), closed.variance(), "cashier1's shortage");
    assertEquals(1L, closed.expectedCards(), "one exit payment: one IC card back");
    assertEquals(1L, closed.countedCards());
    assertEquals(1L, closed.expectedReceipts());
    assertEquals(0L, closed.receiptVariance());
    assertEquals("cashier2", done.opened().cashier());
    assertEquals(Money.of(10500, "CNY"), done.opened().figures().cashFloat());
    assertEquals(Money.of(10500, "CNY"), done.opened().figures().expectedCash());

    // cashier1 takes no more payments; cashier2 closes later 5.00 short of what they accepted.
    assertTrue(
        Desk.refusal(
                desk.run(
                    new ConsoleCommand.PayStationPayment(
                        desk.id("pay"), cashier1(), "00C3", NINE, "pay-1")),
                Refusal.NOT_NOW)
            .startsWith("cashier1's shift 1 was closed at"));
    String second = desk.session("cashier2");
    Answer.ShiftReport later =
        Desk.answer(
            desk.run(
                new ConsoleCommand.CloseShift(desk.id("close"), second, count(10000, 1), 0L, 0L)),
            Answer.ShiftReport.class);
    assertEquals(Money.of(-500, "CNY"), later.variance(), "the difference after acceptance");
    assertEquals(Money.of(10500, "CNY"), later.cashFloat());
    assertEquals(0L, later.sheet().expectedCards());
    assertNull(later.sheet().handedTo());
    assertEquals(1, rows("SELECT COUNT(*) FROM handovers WHERE to_cashier = 'cashier2'"));
    assertEquals(2, rows("SELECT COUNT(*) FROM shift_item_counts"));
    assertTrue(LedgerVerifier.verify(dir.resolve("ledger.db"), Optional.empty()).ok());
  }

  @Test
  void aHandoverRetriedWithItsRequestIdIsDoneOnce() throws Exception {
    openShift(cashier1(), count(10000, 1));
    ConsoleCommand.HandOverShift h =
        handover("hand-2", "cashier2", Desk.PASSWORD, count(10000, 1), count(10000, 1));
    CommandResult first = desk.run(h);
    assertTrue(first.ok(), first.toString());
    assertEquals(first, desk.run(h));
    assertEquals(1, rows("SELECT COUNT(*) FROM handovers"));
    assertEquals(2, rows("SELECT COUNT(*) FROM shift_opens"));
  }

  @Test
  void eachRefusedHandoverSaysWhyAndChangesNothing() throws Exception {
    openShift(cashier1(), count(10000, 1));
    CashCount drawer = count(10000, 1);
    assertEquals(
        "wrong user name or password",
        Desk.refusal(
            desk.run(handover(desk.id("h"), "cashier2", "wrong", drawer, drawer)),
            Refusal.BAD_LOGIN));
    assertTrue(
        Desk.refusal(
                desk.run(handover(desk.id("h"), "cashier1", Desk.PASSWORD, drawer, drawer)),
                Refusal.SAME_PERSON)
            .contains("cannot hand a shift over to themselves"));
    assertEquals(
        "finance1 (finance) does not take cash and cannot accept a drawer",
        Desk.refusal(
            desk.run(handover(desk.id("h"), "finance1", Desk.PASSWORD, drawer, drawer)),
            Refusal.FORBIDDEN));
    assertTrue(
        Desk.refusal(
                desk.run(
                    handover(
                        desk.id("h"), "cashier2", Desk.PASSWORD, drawer, count(10000, 0, 5000, 1))),
                Refusal.NOT_NOW)
            .startsWith(
                "the counts differ: cashier1 counted 100.00 CNY, cashier2 counted 50.00 CNY"));
    assertEquals(
        "count the IC cards and the receipts too (0 when there are none)",
        Desk.refusal(
            desk.run(
                new ConsoleCommand.HandOverShift(
                    desk.id("h"),
                    cashier1(),
                    drawer,
                    null,
                    1L,
                    "cashier2",
                    Desk.PASSWORD,
                    drawer,
                    null)),
            Refusal.INVALID));
    openShift(desk.session("supervisor1"), count(10000, 1));
    assertEquals(
        "supervisor1 already has shift 2 open: they close it before accepting another drawer",
        Desk.refusal(
            desk.run(handover(desk.id("h"), "supervisor1", Desk.PASSWORD, drawer, drawer)),
            Refusal.NOT_NOW));
    assertEquals(0, rows("SELECT COUNT(*) FROM shifts"));
    assertEquals(0, rows("SELECT COUNT(*) FROM handovers"));
    assertEquals(2, rows("SELECT COUNT(*) FROM shift_opens"));
  }

  @Test
  void wrongIncomingPasswordsSlowTheBoothDownAsWrongLoginsDo() throws Exception {
    openShift(cashier1(), count(10000, 1));
    CashCount drawer = count(10000, 1);
    java.util.function.Function<String, ConsoleCommand.HandOverShift> typed =
        password ->
            new ConsoleCommand.HandOverShift(
                desk.id("h"),
                cashier1(),
                drawer,
                1L,
                1L,
                "cashier2",
                password,
                drawer,
                "192.0.2.7");
    for (int i = 0; i < 3; i++) {
      Desk.refusal(desk.run(typed.apply("guess-" + i)), Refusal.BAD_LOGIN);
    }
    assertTrue(
        Desk.refusal(desk.run(typed.apply(Desk.PASSWORD)), Refusal.SLOW_DOWN)
            .startsWith("too many wrong passwords from here"),
        "even the right password waits, as a login would");
    assertEquals(
        Refusal.SLOW_DOWN,
        desk.login(desk.booth(), "cashier2", Desk.PASSWORD, "192.0.2.7").refusal(),
        "one throttle for logins and handovers typed at that browser");
    assertTrue(
        desk.login(desk.booth(), "cashier2", Desk.PASSWORD, "192.0.2.8").ok(),
        "another browser is not slowed");
    assertEquals(0, rows("SELECT COUNT(*) FROM handovers"));
  }

  @Test
  void aShiftClosesOnlyOnceEachIncidentSinceItOpenedIsResolvedWithANote() throws Exception {
    openShift(cashier1(), count(10000, 1));
    Incidents.Incident tailgate = incident(IncidentKind.TAILGATING);
    String blocked =
        Desk.refusal(
            desk.run(
                new ConsoleCommand.CloseShift(
                    desk.id("close"), cashier1(), count(10000, 1), 0L, 0L)),
            Refusal.NOT_NOW);
    assertTrue(
        blocked.startsWith(
            "resolve each incident with a note before closing shift 1: #"
                + tailgate.id()
                + " TAILGATING at exit-1"),
        blocked);
    assertTrue(
        Desk.refusal(
                desk.run(
                    handover(
                        desk.id("h"), "cashier2", Desk.PASSWORD, count(10000, 1), count(10000, 1))),
                Refusal.NOT_NOW)
            .contains("#" + tailgate.id()),
        "a handover is a close too");
    assertEquals(
        "resolving an incident needs a note of 1-200 characters saying what was done, not 0",
        Desk.refusal(
            desk.run(
                new ConsoleCommand.ResolveIncident(desk.id("r"), cashier1(), tailgate.id(), "  ")),
            Refusal.INVALID));
    assertEquals(
        "no incident #99",
        Desk.refusal(
            desk.run(new ConsoleCommand.ResolveIncident(desk.id("r"), cashier1(), 99, "x")),
            Refusal.NOT_NOW));
    Answer.IncidentResolved resolved =
        Desk.answer(
            desk.run(
                new ConsoleCommand.ResolveIncident(
                    desk.id("r"), cashier1(), tailgate.id(), "second car paid at the booth")),
            Answer.IncidentResolved.class);
    assertEquals("cashier1", resolved.by());
    assertTrue(
        Desk.refusal(
                desk.run(
                    new ConsoleCommand.ResolveIncident(
                        desk.id("r"), cashier1(), tailgate.id(), "again")),
                Refusal.NOT_NOW)
            .startsWith("incident #" + tailgate.id() + " was resolved already by cashier1"));

    Answer.ShiftReport report =
        Desk.answer(
            desk.run(
                new ConsoleCommand.CloseShift(
                    desk.id("close"), cashier1(), count(10000, 1), 0L, 0L)),
            Answer.ShiftReport.class);
    ShiftSheet.ResolvedIncident onSheet = report.sheet().incidents().get(0);
    assertEquals(tailgate.id(), onSheet.incidentNo());
    assertEquals("second car paid at the booth", onSheet.note());
    assertEquals("cashier1", onSheet.resolvedBy());

    Answer.ShiftReportCopy copy =
        Desk.answer(
            desk.run(new ConsoleCommand.ReprintShiftReport(desk.id("copy"), cashier1(), 1)),
            Answer.ShiftReportCopy.class);
    assertEquals(1, copy.copyNo());
    assertEquals(report.sheet(), copy.sheet());
    assertEquals(
        1, rows("SELECT COUNT(*) FROM shift_report_reprints WHERE printed_by = 'cashier1'"));
    assertFalse(
        desk.run(new ConsoleCommand.ReprintShiftReport(desk.id("copy"), cashier1(), 7)).ok());
    assertTrue(LedgerVerifier.verify(dir.resolve("ledger.db"), Optional.empty()).ok());
  }
}
