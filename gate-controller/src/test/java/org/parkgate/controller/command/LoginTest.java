package org.parkgate.controller.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.controller.site.MutableClock;

/**
 * Logging in through a console as the booth meets it: wrong passwords slow down where they come
 * from and lock an account only from many places; sessions end when idle and at their lifetime.
 */
class LoginTest {
  private static final org.parkgate.api.CashCount NO_FLOAT =
      org.parkgate.api.CashCount.empty(java.util.Currency.getInstance("CNY"));

  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");
  static final org.parkgate.site.SiteConfig.Sessions RULES =
      new org.parkgate.site.SiteConfig.Sessions(Duration.ofHours(4), Duration.ofHours(16), 8);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private Ledger ledger;
  private DemoSite demo;
  private Desk desk;

  @BeforeEach
  void start() throws Exception {
    demo = DemoSite.open(dir, clock);
    ledger = demo.ledger;
    desk = new Desk(demo.site, clock, RULES);
  }

  @AfterEach
  void stop() throws Exception {
    desk.close();
    demo.close();
  }

  private CommandResult login(String username, String password, String source) {
    return desk.login(desk.booth(), username, password, source);
  }

  private boolean locked(String username) {
    return new Accounts(ledger).find(username).orElseThrow().locked();
  }

  @Test
  void aThousandWrongPasswordsFromOneSourceLeaveTheCashierAtAnotherFreeToLogIn() {
    Map<Refusal, Integer> answers = new EnumMap<>(Refusal.class);
    for (int i = 0; i < 1_000; i++) {
      CommandResult r = login("cashier1", "guess-" + i, "10.0.0.66");
      assertFalse(r.ok(), r.toString());
      answers.merge(r.refusal(), 1, Integer::sum);
    }
    assertEquals(
        Map.of(Refusal.BAD_LOGIN, 3, Refusal.SLOW_DOWN, 997),
        answers,
        "three passwords checked, the rest refused before any check");

    CommandResult cashier = login("cashier1", Desk.PASSWORD, "10.0.0.7");
    assertEquals("cashier1", Desk.answer(cashier, Answer.LoggedIn.class).username());
    assertFalse(locked("cashier1"));
  }

  @Test
  void wrongPasswordsFromOneSourceAloneNeverLockTheAccount() {
    // Each try waits until the source may try again, so every password is checked.
    for (int i = 0; i < 15; i++) {
      assertEquals(
          Refusal.BAD_LOGIN, login("cashier1", "guess-" + i, "10.0.0.66").refusal(), "try " + i);
      clock.advance(Duration.ofMinutes(5));
    }
    assertFalse(locked("cashier1"));
    assertTrue(login("cashier1", Desk.PASSWORD, "10.0.0.7").ok());
  }

  @Test
  void failuresFromManySourcesLockTheAccountUntilASupervisorUnlocksIt() {
    String supervisor = desk.session("supervisor1");
    for (int s = 0; s < 50; s++) {
      assertEquals(
          Refusal.BAD_LOGIN, login("cashier1", "guess", "10.0.1." + s).refusal(), "source " + s);
    }
    assertTrue(locked("cashier1"));
    SecurityEvents.Event kept = new SecurityEvents(ledger).list().get(0);
    assertEquals(SecurityEvents.Kind.ACCOUNT_LOCKED, kept.kind());
    assertEquals("cashier1", kept.username());
    assertEquals(
        "account cashier1 is locked: a supervisor or admin unlocks it",
        Desk.refusal(login("cashier1", Desk.PASSWORD, "10.0.0.7"), Refusal.ACCOUNT_LOCKED),
        "not even the right password");
    assertTrue(login("cashier2", Desk.PASSWORD, "10.0.1.1").ok(), "other accounts are not locked");

    assertTrue(desk.run(new ConsoleCommand.UnlockUser("unlock-1", supervisor, "cashier1")).ok());
    assertTrue(login("cashier1", Desk.PASSWORD, "10.0.0.7").ok());
  }

  @Test
  void anUnknownUserAndAWrongPasswordGetTheSameAnswer() {
    CommandResult unknown = login("nobody", "guess", "10.0.0.7");
    CommandResult wrong = login("cashier1", "guess", "10.0.0.8");
    assertEquals(Desk.refusal(unknown, Refusal.BAD_LOGIN), Desk.refusal(wrong, Refusal.BAD_LOGIN));
    assertEquals(unknown.error(), wrong.error());
  }

  @Test
  void aSessionEndsAfterTheIdleTimeAndAfterItsLifetime() {
    Answer.LoggedIn in = Desk.answer(login("cashier1", Desk.PASSWORD, null), Answer.LoggedIn.class);
    assertEquals(T0.plus(RULES.idle()), in.idleUntil());
    assertEquals(T0.plus(RULES.lifetime()), in.endsAt());
    assertEquals(Role.CASHIER, in.role());

    clock.advance(RULES.idle());
    assertEquals(
        Refusal.NOT_LOGGED_IN,
        desk.run(new ConsoleCommand.OpenShift("open-1", in.session())).refusal(),
        "four hours without a command");

    String busy =
        Desk.answer(login("cashier1", Desk.PASSWORD, null), Answer.LoggedIn.class).session();
    Instant started = clock.instant();
    for (Instant at = started; at.isBefore(started.plus(RULES.lifetime())); ) {
      assertTrue(
          desk.run(new ConsoleCommand.OpenShift(desk.id("open"), busy, NO_FLOAT)).ok(),
          "busy at " + at);
      clock.advance(Duration.ofHours(3));
      at = clock.instant();
    }
    assertEquals(
        Refusal.NOT_LOGGED_IN,
        desk.run(new ConsoleCommand.OpenShift("open-late", busy)).refusal(),
        "sixteen hours after login, however busy");
  }

  @Test
  void theNinthLoginOfOnePersonEndsTheirLeastRecentlyUsedSession() {
    String other = desk.login("cashier2");
    List<String> mine = new java.util.ArrayList<>();
    for (int i = 0; i < RULES.perUser(); i++) {
      mine.add(desk.login("cashier1"));
      clock.advance(Duration.ofSeconds(1));
    }
    for (int i = 1; i < mine.size(); i++) {
      assertTrue(
          desk.run(new ConsoleCommand.OpenShift(desk.id("open"), mine.get(i), NO_FLOAT)).ok());
      clock.advance(Duration.ofSeconds(1));
    }
    String ninth = desk.login("cashier1");
    assertEquals(
        Refusal.NOT_LOGGED_IN,
        desk.run(new ConsoleCommand.OpenShift(desk.id("open"), mine.get(0))).refusal());
    for (String live : List.of(mine.get(1), mine.get(7), ninth, other)) {
      assertTrue(desk.run(new ConsoleCommand.Logout(desk.id("out"), live)).ok());
    }
  }
}
