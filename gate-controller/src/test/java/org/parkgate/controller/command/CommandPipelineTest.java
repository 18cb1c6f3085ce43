package org.parkgate.controller.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.parkgate.api.Welcome;
import org.parkgate.controller.SiteService;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Consoles;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.MutableClock;
import org.parkgate.money.Money;
import org.parkgate.site.LaneMode;

/**
 * The one way in for console commands, as an attacker and as booth staff meet it: which console,
 * who is logged in, what their role allows, and what a request id seen before gets. A real ledger
 * file and the demo tariff (15 min free, then 3.00 per started hour).
 */
class CommandPipelineTest {
  private static final org.parkgate.api.CashCount NO_FLOAT =
      org.parkgate.api.CashCount.empty(java.util.Currency.getInstance("CNY"));

  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");
  static final String CARD = "00A1B2C3D4";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private DemoSite demo;
  private Ledger ledger;
  private SiteService site;
  private Desk desk;
  private final List<Desk> others = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    demo = DemoSite.open(dir, clock);
    ledger = demo.ledger;
    site = demo.site;
    desk = new Desk(site, clock);
  }

  @AfterEach
  void stop() throws Exception {
    others.forEach(Desk::close);
    desk.close();
    demo.close();
  }

  /** A car inside for 2 h 05 min: 9.00 due at a pay station. */
  private void carOwingNine() {
    new Stays(ledger).recordEntry("entry-1", CARD, T0);
    clock.set(T0.plus(Duration.ofMinutes(125)));
  }

  private ConsoleCommand.PayStationPayment payNine(String id, String session) {
    return new ConsoleCommand.PayStationPayment(id, session, CARD, Money.of(900, "CNY"), "pay-1");
  }

  /** Rows per table, read from the ledger file as an auditor would. */
  private Map<String, Long> rows() throws Exception {
    Map<String, Long> rows = new TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
        Statement st = db.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r =
          st.executeQuery(
              "SELECT name FROM sqlite_master WHERE type = 'table'"
                  + " AND name NOT LIKE 'sqlite_%'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet r = st.executeQuery("SELECT COUNT(*) FROM \"" + t + "\"")) {
          rows.put(t, r.getLong(1));
        }
      }
    }
    return rows;
  }

  /** What grew between two counts, by table. */
  private static Map<String, Long> grown(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> grown = new TreeMap<>();
    after.forEach(
        (t, n) -> {
          long was = before.getOrDefault(t, 0L);
          if (n != was) {
            grown.put(t, n - was);
          }
        });
    return grown;
  }

  private List<SecurityEvents.Event> security() {
    return new SecurityEvents(ledger).list();
  }

  private Desk restarted() {
    Desk d = new Desk(site, clock);
    others.add(d);
    return d;
  }

  // --- which console ---

  @Test
  void aConnectionThatNeverSaidHelloIsRefusedAndOnlyTheRefusalIsRecorded() throws Exception {
    carOwingNine();
    String session = desk.session("cashier1");
    Map<String, Long> before = rows();

    ConsoleConnection stranger = desk.unintroduced();
    CommandResult r = desk.run(stranger, payNine("ps-1", session));
    assertEquals("say hello first", Desk.refusal(r, Refusal.CONSOLE_UNKNOWN));
    assertTrue(stranger.refused(), "its last answer: the connection is closed after it");

    assertEquals(Map.of("security_events", 1L, "chain", 1L), grown(before, rows()));
    assertTrue(
        new Payments(ledger).all().isEmpty(), "a stolen session is no use without the console");
    SecurityEvents.Event kept = security().get(0);
    assertEquals(SecurityEvents.Kind.CONSOLE_REFUSED, kept.kind());
    assertEquals("embedded", kept.source());
  }

  @Test
  void aLoginFromAConnectionThatNeverSaidHelloIsRefusedWithoutAPasswordCheck() {
    CommandResult r = desk.login(desk.unintroduced(), "cashier1", Desk.PASSWORD, "10.0.0.7");
    assertEquals("say hello first", Desk.refusal(r, Refusal.CONSOLE_UNKNOWN));
    assertNull(r.answer(), "no session");
  }

  @Test
  void aWrongCredentialOrADisabledConsoleIsRefused() throws Exception {
    ConsoleConnection guess = desk.unintroduced();
    CommandResult wrong = desk.hello(guess, Desk.CONSOLE, "guessed-credential");
    assertEquals(
        "wrong credential for console 'booth-1'", Desk.refusal(wrong, Refusal.CONSOLE_UNKNOWN));
    assertFalse(guess.authenticated());
    assertEquals(
        "console 'booth-9' is not enrolled",
        Desk.refusal(desk.hello(desk.unintroduced(), "booth-9", "x"), Refusal.CONSOLE_UNKNOWN));

    desk.onLedger(
        () -> {
          Desk.enroll(ledger, "booth-2", "booth-2-credential", T0);
          return new Consoles(ledger).setEnabled("booth-2", false, "admin1", T0);
        });
    ConsoleConnection disabled = desk.unintroduced();
    assertEquals(
        "console 'booth-2' is disabled",
        Desk.refusal(
            desk.hello(disabled, "booth-2", "booth-2-credential"), Refusal.CONSOLE_UNKNOWN));
    assertEquals(
        "say hello first",
        Desk.refusal(
            desk.login(disabled, "cashier1", Desk.PASSWORD, null), Refusal.CONSOLE_UNKNOWN),
        "nothing more is taken from a refused connection");
  }

  @Test
  void aConsoleDisabledWhileConnectedIsRefusedAtItsNextCommand() {
    String session = desk.session("cashier1");
    desk.onLedger(() -> new Consoles(ledger).setEnabled(Desk.CONSOLE, false, "admin1", T0));
    CommandResult r = desk.run(new ConsoleCommand.OpenShift("open-1", session));
    assertEquals(
        "console 'booth-1' is no longer enrolled", Desk.refusal(r, Refusal.CONSOLE_UNKNOWN));
    assertTrue(desk.booth().refused());
  }

  @Test
  void aConsoleOrAnAccountDisabledByAnAdminOnAnotherConnectionIsSeenAtTheNextCommand() {
    String session = desk.session("cashier1");
    String other = desk.session("cashier2");
    assertTrue(desk.run(new ConsoleCommand.OpenShift("open-1", session, NO_FLOAT)).ok());
    // The admin's ./parking users and consoles commands write the file from their own process.
    try (Ledger admin = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      new Accounts(admin)
          .change(
              "cashier1",
              Accounts.Action.DISABLE,
              a -> a.withEnabled(false),
              "admin1",
              "left the company",
              clock.instant());
    }
    assertEquals(
        Refusal.NOT_LOGGED_IN,
        desk.run(new ConsoleCommand.CloseShift("close-1", session)).refusal());
    try (Ledger admin = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      new Consoles(admin).setEnabled(Desk.CONSOLE, false, "admin1", T0);
    }
    assertEquals(
        "console 'booth-1' is no longer enrolled",
        Desk.refusal(
            desk.run(new ConsoleCommand.CloseShift("close-2", other)), Refusal.CONSOLE_UNKNOWN));
  }

  @Test
  void noOneLogsInAtAConsoleDisabledWhileConnected() {
    desk.session("cashier1");
    desk.onLedger(() -> new Consoles(ledger).setEnabled(Desk.CONSOLE, false, "admin1", T0));
    assertEquals(
        "console 'booth-1' is no longer enrolled",
        Desk.refusal(
            desk.login(desk.booth(), "cashier2", Desk.PASSWORD, null), Refusal.CONSOLE_UNKNOWN));
  }

  @Test
  void aWelcomedConsoleIsToldTheSiteAndItsNewestEvent() {
    ConsoleConnection c = desk.connect(Desk.CONSOLE, Desk.CREDENTIAL);
    assertTrue(c.authenticated());
    Welcome welcome = (Welcome) desk.sent(c).get(0);
    assertEquals("demo", welcome.siteId());
    assertEquals(new EventLog(ledger).lastSeq(), welcome.lastSeq(), "the events after it follow");
  }

  // --- what a role allows ---

  @Test
  void aCashierMayNotSetModesReverseOrResetAndNothingIsRecorded() throws Exception {
    carOwingNine();
    String cashier = desk.onShift("cashier1");
    assertTrue(desk.run(payNine("ps-1", cashier)).ok());
    Map<String, Long> before = rows();
    long seq = new EventLog(ledger).lastSeq();

    List<ConsoleCommand> supervisorsOnly =
        List.of(
            new ConsoleCommand.SetLaneMode("m-1", cashier, "exit-1", LaneMode.HELD_OPEN, "x"),
            new ConsoleCommand.ReversePayment("rev-1", cashier, "demo-000001", "x"),
            new ConsoleCommand.ResetPassback("reset-1", cashier, CARD, "x"));
    for (ConsoleCommand cmd : supervisorsOnly) {
      assertEquals(
          "cashier1 (cashier) may not do this",
          Desk.refusal(desk.run(cmd), Refusal.FORBIDDEN),
          cmd.getClass().getSimpleName());
    }

    assertEquals(
        Map.of("security_events", 3L, "chain", 3L),
        grown(before, rows()),
        "only the refusals kept, chained");
    assertEquals(seq, new EventLog(ledger).lastSeq(), "no event");
    assertTrue(new Stays(ledger).openStay(CARD).isPresent(), "the card was not reset");
    assertEquals(
        List.of(SecurityEvents.Kind.FORBIDDEN),
        security().stream().map(SecurityEvents.Event::kind).distinct().toList());
    assertEquals(
        new Answer.PassbackCleared(CARD, 1, "supervisor1"),
        Desk.answer(
            desk.run(
                new ConsoleCommand.ResetPassback(
                    "reset-1", desk.session("supervisor1"), CARD, "x")),
            Answer.PassbackCleared.class),
        "a request id refused for its role is free for the right person");
  }

  @Test
  void aSupervisorMayNotReverseAPaymentTheyTookThemselves() {
    carOwingNine();
    Answer.Receipt own =
        Desk.answer(desk.run(payNine("ps-1", desk.onShift("supervisor1"))), Answer.Receipt.class);
    assertEquals("supervisor1", own.cashier());

    CommandResult refused =
        desk.run(
            new ConsoleCommand.ReversePayment(
                "rev-1", desk.session("supervisor1"), own.receiptNo(), "my mistake"));
    String why = Desk.refusal(refused, Refusal.SAME_PERSON);
    assertTrue(why.contains("ask another supervisor"), why);
    assertEquals(SecurityEvents.Kind.SAME_PERSON, security().get(0).kind());
    assertEquals(
        Money.of(900, "CNY"), new Payments(ledger).paidFor(1, Money.of(0, "CNY").currency()));

    Answer.Reversed reversed =
        Desk.answer(
            desk.run(
                new ConsoleCommand.ReversePayment(
                    "rev-2", desk.session("supervisor2"), own.receiptNo(), "charged twice")),
            Answer.Reversed.class);
    assertEquals("supervisor2", reversed.supervisor());
  }

  // --- request ids ---

  @Test
  void aReplayedRequestGetsTheFirstResultAndRecordsNothingMoreAlsoAfterARestart() throws Exception {
    carOwingNine();
    var pay = payNine("ps-1", desk.onShift("cashier1"));
    CommandResult first = desk.run(pay);
    assertEquals("demo-000001", Desk.answer(first, Answer.Receipt.class).receiptNo());
    Map<String, Long> before = rows();

    assertEquals(Desk.kept(first), desk.run(pay));
    clock.advance(Duration.ofMinutes(1));
    assertEquals(Desk.kept(first), desk.run(pay), "a minute later, the same receipt");
    assertEquals(Map.of(), grown(before, rows()), "nothing recorded by a replay");

    // The controller restarts: a new pipeline on the same ledger. Sessions are gone.
    Desk after = restarted();
    assertEquals(Desk.kept(first), after.run(pay), "the replay is answered from the ledger");
    assertEquals(
        Refusal.NOT_LOGGED_IN,
        after.run(new ConsoleCommand.OpenShift("open-1", pay.session())).refusal(),
        "the old session is gone");
    assertEquals(Map.of(), grown(before, rows()));
    assertEquals(1, new Payments(ledger).all().size());
  }

  @Test
  void aRequestIdUsedForAnotherCommandIsRefused() throws Exception {
    carOwingNine();
    String session = desk.onShift("cashier1");
    assertTrue(desk.run(payNine("ps-1", session)).ok());
    Map<String, Long> before = rows();
    CommandResult reused = desk.run(new ConsoleCommand.CloseShift("ps-1", session));
    assertEquals(
        "request id ps-1 was used before for another command",
        Desk.refusal(reused, Refusal.REQUEST_ID_REUSED));
    assertEquals(Map.of(), grown(before, rows()), "the shift was not closed");
  }

  @Test
  void anotherConsoleIsNotAnsweredWithTheFirstConsolesResult() {
    carOwingNine();
    var pay = payNine("ps-1", desk.onShift("cashier1"));
    assertTrue(desk.run(pay).ok());
    desk.onLedger(
        () -> {
          Desk.enroll(ledger, "booth-2", "booth-2-credential", T0);
          return null;
        });
    ConsoleConnection other = desk.connect("booth-2", "booth-2-credential");
    assertTrue(other.authenticated());

    CommandResult r = desk.run(other, pay);
    assertEquals(Refusal.REQUEST_ID_REUSED, r.refusal(), r.toString());
    assertNull(r.answer(), "no receipt for another console");
    CommandResult own =
        desk.run(
            other,
            payNine(
                "ps-1",
                Desk.answer(
                        desk.login(other, "cashier2", Desk.PASSWORD, null), Answer.LoggedIn.class)
                    .session()));
    assertNull(own.answer(), "not even for a person logged in there: " + own);
    assertEquals(1, new Payments(ledger).all().size());
  }

  // --- account changes end sessions ---

  @Test
  void disablingAnAccountEndsItsSessions() {
    String session = desk.session("cashier2");
    assertTrue(desk.run(new ConsoleCommand.OpenShift("open-1", session, NO_FLOAT)).ok());
    desk.onLedger(
        () ->
            new Accounts(ledger)
                .change(
                    "cashier2",
                    Accounts.Action.DISABLE,
                    a -> a.withEnabled(false),
                    "admin1",
                    "left the company",
                    clock.instant()));
    assertEquals(
        Refusal.NOT_LOGGED_IN,
        desk.run(new ConsoleCommand.CloseShift("close-1", session)).refusal());
    assertEquals(
        "account cashier2 is disabled",
        Desk.refusal(
            desk.login(desk.booth(), "cashier2", Desk.PASSWORD, null), Refusal.ACCOUNT_LOCKED));
  }

  @Test
  void aNewPasswordEndsTheSessionsOpenedWithTheOldOne() {
    String first = desk.login("cashier1");
    String second = desk.login("cashier1");
    desk.onLedger(
        () ->
            new Accounts(ledger)
                .change(
                    "cashier1",
                    Accounts.Action.PASSWD,
                    a -> a.withPassword(Desk.passwordHash(), false),
                    "cashier1",
                    null,
                    clock.instant()));
    for (String session : List.of(first, second)) {
      assertEquals(
          Refusal.NOT_LOGGED_IN,
          desk.run(new ConsoleCommand.OpenShift(desk.id("open"), session)).refusal());
    }
    String again = desk.login("cashier1");
    assertTrue(desk.run(new ConsoleCommand.OpenShift("open-9", again, NO_FLOAT)).ok());
  }

  @Test
  void aLoggedOutSessionIsNoLongerTaken() {
    String session = desk.login("cashier1");
    assertEquals(
        new Answer.LoggedOut("cashier1"),
        Desk.answer(desk.run(new ConsoleCommand.Logout("out-1", session)), Answer.LoggedOut.class));
    assertEquals(
        Refusal.NOT_LOGGED_IN, desk.run(new ConsoleCommand.OpenShift("open-1", session)).refusal());
  }

  @Test
  void aSupervisorUnlocksALockedAccountAndACashierMayNot() {
    desk.onLedger(
        () ->
            new Accounts(ledger)
                .change(
                    "cashier2",
                    Accounts.Action.LOCK,
                    a -> a.withLocked(true),
                    "controller",
                    "test",
                    clock.instant()));
    assertEquals(
        Refusal.ACCOUNT_LOCKED,
        desk.login(desk.booth(), "cashier2", Desk.PASSWORD, null).refusal());

    CommandResult byCashier =
        desk.run(new ConsoleCommand.UnlockUser("u-1", desk.session("cashier1"), "cashier2"));
    assertEquals("cashier1 (cashier) may not do this", Desk.refusal(byCashier, Refusal.FORBIDDEN));
    assertTrue(new Accounts(ledger).find("cashier2").orElseThrow().locked());

    CommandResult bySupervisor =
        desk.run(new ConsoleCommand.UnlockUser("u-2", desk.session("supervisor1"), "cashier2"));
    assertEquals(
        new Answer.Unlocked("cashier2", "supervisor1"),
        Desk.answer(bySupervisor, Answer.Unlocked.class));
    assertTrue(desk.login(desk.booth(), "cashier2", Desk.PASSWORD, null).ok());
    assertEquals(
        Refusal.NOT_NOW,
        desk.run(new ConsoleCommand.UnlockUser("u-3", desk.session("supervisor1"), "cashier2"))
            .refusal(),
        "not locked any more");
    LedgerVerifier.Result verified =
        LedgerVerifier.verify(dir.resolve("ledger.db"), java.util.Optional.empty());
    assertTrue(verified.ok(), verified.toString());
  }

  @Test
  void aConsoleEnrolledForAdminsSeesTheLanesButNoCarsOrMoneyAndNoCashierLogsInThere()
      throws Exception {
    desk.onLedger(
        () ->
            new Consoles(ledger)
                .add(
                    "office-1",
                    org.parkgate.controller.auth.ConsoleCredentials.hash("office-secret"),
                    java.util.EnumSet.of(org.parkgate.api.Role.ADMIN),
                    "admin1",
                    T0));
    ConsoleConnection office = desk.connect("office-1", "office-secret");
    ConsoleConnection booth = desk.booth();
    desk.sent(office);
    desk.sent(booth);
    carOwingNine();
    CommandResult paid = desk.run(payNine(desk.id("pay"), desk.onShift("cashier1")));
    assertTrue(paid.ok(), paid.toString());
    desk.onLedger(
        () ->
            new org.parkgate.controller.ledger.EventLog(ledger)
                .recordEvent(
                    "exit-1",
                    seq ->
                        new org.parkgate.api.ConsoleEvent.DeviceStatus(
                            seq,
                            clock.instant(),
                            "exit-1",
                            "barrier",
                            false,
                            "no answer for 3 s")));

    List<org.parkgate.api.ApiMessage> atBooth = desk.sent(booth);
    List<org.parkgate.api.ApiMessage> atOffice = desk.sent(office);
    assertTrue(
        atBooth.stream().anyMatch(m -> m instanceof org.parkgate.api.ConsoleEvent.PaymentRecorded),
        "the booth is told of the payment: " + atBooth);
    assertTrue(
        atOffice.stream().anyMatch(m -> m instanceof org.parkgate.api.ConsoleEvent.DeviceStatus),
        "the office sees a device go offline: " + atOffice);
    assertTrue(
        atOffice.stream()
            .noneMatch(
                m ->
                    m instanceof org.parkgate.api.ConsoleEvent.PaymentRecorded
                        || m instanceof org.parkgate.api.ConsoleEvent.EntryRecorded),
        "nothing of cars or money reaches the admins' console: " + atOffice);

    CommandResult cashierThere = desk.login(office, "cashier1", Desk.PASSWORD, "10.0.0.5");
    assertEquals(
        "console office-1 is not for cashiers", Desk.refusal(cashierThere, Refusal.FORBIDDEN));
    assertTrue(cashierThere.error().contains("is not for cashiers"), cashierThere.error());
    CommandResult adminThere = desk.login(office, "admin1", Desk.PASSWORD, "10.0.0.5");
    assertTrue(adminThere.ok(), adminThere.toString());
  }
}
