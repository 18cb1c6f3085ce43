package org.parkgate.console.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.console.booth.DeskFixture.CASHIER;
import static org.parkgate.console.booth.DeskFixture.FINANCE;
import static org.parkgate.console.booth.DeskFixture.SUPERVISOR;
import static org.parkgate.console.booth.DeskFixture.assertNoNames;
import static org.parkgate.console.booth.DeskFixture.assertRefused;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Refusal;
import org.parkgate.console.auth.Session;
import org.parkgate.money.Money;

/**
 * Vouchers, free passes and a barrier lifted by hand at the booth: what reaches the controller, as
 * the JSON text it is sent as, and what is refused at the console with nothing sent.
 */
class BoothActionsTest {

  private final DeskFixture booth = new DeskFixture();
  private final List<String> wire = booth.wire;
  private final BrowserHub hub = booth.hub;
  private final ExemptionDesk exemptions = booth.desks.exemptions();
  private final SupervisorDesk supervisor = booth.desks.supervisor();

  private void carWaitingAtExit(long stayId) {
    Instant at = Instant.parse("2027-01-09T06:30:00Z");
    hub.event(
        new ConsoleEvent.ExitPending(
            stayId,
            at,
            "exit-1",
            stayId,
            "00A2",
            at.minusSeconds(3600),
            at,
            Money.of(500, "CNY"),
            List.of(),
            null));
  }

  @Test
  void aVoucherForTheCarShownIsSentWithTheCashiersSession() throws Exception {
    carWaitingAtExit(8);
    CommandResult r =
        exemptions
            .applyVoucher(
                CASHIER,
                new ExemptionDesk.VoucherRequest("vouch-req-01", " exit-1 ", 8, " 2345-6789-AB "))
            .get();
    assertTrue(r.ok(), r.toString());
    assertEquals(
        new ConsoleCommand.ApplyVoucher("vouch-req-01", "tok-C", "exit-1", 8, "2345-6789-AB"),
        ApiJson.read(wire.get(0)));
    assertNoNames(wire.get(0));
  }

  @Test
  void aBadVoucherRequestSaysWhatIsWrongAndSendsNothing() throws Exception {
    carWaitingAtExit(8);
    assertRefused(voucher(CASHIER, "vouch-req-10", 8, " "), "Type or scan the voucher code");
    assertRefused(voucher(CASHIER, "vouch-req-11", 8, "AB;CD"), "A voucher code is 1-64 letters");
    CommandResult stale = voucher(CASHIER, "vouch-req-12", 7, "2345-6789-AB");
    assertRefused(stale, "No such vehicle waiting to pay at exit-1");
    assertEquals(Refusal.NOT_NOW, stale.refusal());
    assertRefused(voucher(FINANCE, "vouch-req-13", 8, "2345-6789-AB"), "Only cashiers");
    assertRefused(voucher(CASHIER, "short", 8, "2345-6789-AB"), "Invalid request id");
    assertEquals(List.of(), wire, "nothing reaches the controller");
  }

  @Test
  void aFreePassIsAskedOnceForADoublePressAndOnlyWithAReason() throws Exception {
    carWaitingAtExit(8);
    assertRefused(ask(CASHIER, "pass-req-01", 8, "  "), "Enter the reason for the free pass");
    assertRefused(ask(CASHIER, "pass-req-02", 9, "ambulance"), "No such vehicle waiting");
    assertRefused(ask(FINANCE, "pass-req-03", 8, "ambulance"), "Only cashiers and supervisors");
    assertEquals(List.of(), wire);

    assertTrue(ask(CASHIER, "pass-req-04", 8, " ambulance ").ok());
    assertTrue(ask(CASHIER, "pass-req-04", 8, " ambulance ").ok());
    assertEquals(2, wire.size());
    assertEquals(wire.get(0), wire.get(1), "the same command again, same request id");
    assertEquals(
        new ConsoleCommand.AskFreePass("pass-req-04", "tok-C", "exit-1", 8, "ambulance"),
        ApiJson.read(wire.get(0)));
    assertRefused(
        lift(CASHIER, "pass-req-04", 8, "fault"), "Request id already used for another action");
  }

  @Test
  void onlyASupervisorDecidesAndARefusalNeedsANote() throws Exception {
    assertRefused(decide(CASHIER, "dec-req-01", 3, true, ""), "Only supervisors may decide");
    assertRefused(decide(SUPERVISOR, "dec-req-02", 3, false, " "), "Enter a note to refuse");
    assertRefused(decide(SUPERVISOR, "dec-req-03", 0, true, ""), "positive whole number, not 0");
    assertRefused(decide(SUPERVISOR, "dec-req-04", 3, null, ""), "Choose approve or refuse");
    assertEquals(List.of(), wire);

    assertTrue(decide(SUPERVISOR, "dec-req-05", 3, true, " ").ok());
    assertTrue(decide(SUPERVISOR, "dec-req-06", 4, false, " no reason given ").ok());
    assertEquals(
        new ConsoleCommand.DecideFreePass("dec-req-05", "tok-S", 3, true, null),
        ApiJson.read(wire.get(0)));
    assertEquals(
        new ConsoleCommand.DecideFreePass("dec-req-06", "tok-S", 4, false, "no reason given"),
        ApiJson.read(wire.get(1)));
    assertNoNames(wire.get(1));
  }

  @Test
  void theBarrierIsLiftedByHandOnlyForTheCarShownAndWithAReason() throws Exception {
    carWaitingAtExit(8);
    assertRefused(lift(CASHIER, "lift-req-01", 8, ""), "Enter the reason for lifting the barrier");
    assertRefused(lift(CASHIER, "lift-req-02", 9, "reader fault"), "No such vehicle waiting");
    assertRefused(lift(FINANCE, "lift-req-03", 8, "reader fault"), "Only cashiers");
    assertRefused(lift(CASHIER, "lift-req-04", 8, "x".repeat(201)), "at most 200 characters");
    assertEquals(List.of(), wire);

    assertTrue(lift(SUPERVISOR, "lift-req-05", 8, " reader fault ").ok());
    assertEquals(
        new ConsoleCommand.LiftBarrier("lift-req-05", "tok-S", "exit-1", "reader fault"),
        ApiJson.read(wire.get(0)));
  }

  private CommandResult voucher(Session who, String id, long stayId, String code) throws Exception {
    return exemptions
        .applyVoucher(who, new ExemptionDesk.VoucherRequest(id, "exit-1", stayId, code))
        .get();
  }

  private CommandResult ask(Session who, String id, long stayId, String reason) throws Exception {
    return exemptions
        .askFreePass(who, new ExemptionDesk.FreePassRequest(id, "exit-1", stayId, reason))
        .get();
  }

  private CommandResult decide(Session who, String id, long passNo, Boolean approve, String note)
      throws Exception {
    return exemptions
        .decideFreePass(who, new ExemptionDesk.FreePassDecision(id, passNo, approve, note))
        .get();
  }

  private CommandResult lift(Session who, String id, long stayId, String reason) throws Exception {
    return supervisor
        .liftBarrier(who, new SupervisorDesk.LiftRequest(id, "exit-1", stayId, reason))
        .get();
  }
}
