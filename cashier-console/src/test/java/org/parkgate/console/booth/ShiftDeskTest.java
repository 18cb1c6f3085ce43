package org.parkgate.console.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.console.booth.DeskFixture.CASHIER;
import static org.parkgate.console.booth.DeskFixture.FINANCE;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.api.Answer;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CashCount;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.ShiftSheet;
import org.parkgate.money.Money;

/**
 * The booth's handover, incident resolutions and shift reports: what reaches the controller, what
 * is refused with nothing sent, and what prints.
 */
class ShiftDeskTest {
  private static final List<CashCount.Pieces> HUNDRED = List.of(new CashCount.Pieces(10000, 1));

  private final DeskFixture booth = new DeskFixture();
  private final List<String> wire = booth.wire;
  private final List<String> printed = booth.printed;
  private final ShiftDesk desk = booth.desks.shifts();

  private ShiftDesk.HandoverRequest handover(String id, String incoming, String password) {
    return new ShiftDesk.HandoverRequest(
        id, HUNDRED, 1L, 1L, incoming, password, HUNDRED, "192.0.2.7");
  }

  @Test
  void aHandoverGoesInTheOutgoingSessionWithTheIncomingCredentialsAndPrintsItsReportOnce()
      throws Exception {
    booth.answer =
        CommandResult.ok(
            "hand-req-0001",
            new Answer.HandedOver(
                sheet("cashier2"),
                new Answer.ShiftOpen(2, "cashier2", Instant.EPOCH, false, null)));
    ShiftDesk.HandoverRequest r = handover("hand-req-0001", " cashier2 ", "cashier2-secret");
    assertTrue(desk.handOver(CASHIER, r).get().ok());
    assertTrue(desk.handOver(CASHIER, r).get().ok());

    assertEquals(2, wire.size(), "a retry goes to the controller, which answers it as the first");
    ConsoleCommand.HandOverShift sent = (ConsoleCommand.HandOverShift) ApiJson.read(wire.get(0));
    assertEquals("tok-C", sent.session());
    assertEquals("cashier2", sent.incomingUsername());
    assertEquals("cashier2-secret", sent.incomingPassword());
    assertEquals(Money.of(10000, "CNY"), sent.recounted().total());
    assertEquals("192.0.2.7", sent.source(), "wrong passwords slow down where they are typed");
    assertFalse(sent.toString().contains("cashier2-secret"), "the password is never printed");
    assertFalse(r.toString().contains("cashier2-secret"), "the password is never printed");
    assertEquals(List.of("Demo Car Park #1 copy 0"), printed, "printed once per request id");
  }

  @Test
  void aHandoverMissingSomethingIsRefusedHereWithNothingSent() throws Exception {
    assertEquals(
        Refusal.INVALID,
        desk.handOver(CASHIER, handover("hand-req-0002", "cashier2", "")).get().refusal());
    assertEquals(
        Refusal.SAME_PERSON,
        desk.handOver(CASHIER, handover("hand-req-0003", "cashier1", "pw")).get().refusal());
    CommandResult noCards =
        desk.handOver(
                CASHIER,
                new ShiftDesk.HandoverRequest(
                    "hand-req-0004", HUNDRED, null, 1L, "cashier2", "pw", HUNDRED, null))
            .get();
    assertTrue(noCards.error().contains("Count the IC cards and the receipts"), noCards.error());
    CommandResult badFace =
        desk.handOver(
                CASHIER,
                new ShiftDesk.HandoverRequest(
                    "hand-req-0005",
                    HUNDRED,
                    1L,
                    1L,
                    "cashier2",
                    "pw",
                    List.of(new CashCount.Pieces(300, 1)),
                    null))
            .get();
    assertTrue(badFace.error().startsWith("接班清点：清点有误，"), badFace.error());
    assertTrue(
        badFace.error().contains(" · Incoming count: no CNY note or coin of 3.00"),
        badFace.error());
    assertEquals(
        Refusal.FORBIDDEN,
        desk.handOver(FINANCE, handover("hand-req-0006", "cashier2", "pw")).get().refusal());
    assertTrue(wire.isEmpty(), wire.toString());
  }

  @Test
  void anIncidentIsResolvedWithATrimmedNoteAndABlankNoteIsRefused() throws Exception {
    assertEquals(
        Refusal.INVALID, desk.resolveIncident(CASHIER, "res-req-0001", 3L, "   ").get().refusal());
    assertEquals(
        Refusal.INVALID,
        desk.resolveIncident(CASHIER, "res-req-0002", 3L, "x".repeat(201)).get().refusal());
    assertEquals(
        Refusal.INVALID, desk.resolveIncident(CASHIER, "res-req-0003", 0L, "ok").get().refusal());
    assertTrue(wire.isEmpty());
    assertTrue(desk.resolveIncident(CASHIER, "res-req-0004", 3L, "  spoke to driver ").get().ok());
    assertEquals(
        new ConsoleCommand.ResolveIncident("res-req-0004", "tok-C", 3, "spoke to driver"),
        ApiJson.read(wire.get(0)));
  }

  @Test
  void aReportCopyPrintsWithItsCopyNumber() throws Exception {
    booth.answer =
        CommandResult.ok(
            "copy-req-0001",
            new Answer.ShiftReportCopy(5, 2, "cashier1", Instant.EPOCH, sheet(null)));
    assertTrue(desk.reprintReport(CASHIER, "copy-req-0001", 1L).get().ok());
    assertEquals(List.of("Demo Car Park #1 copy 2"), printed);
    assertEquals(
        Refusal.INVALID, desk.reprintReport(CASHIER, "copy-req-0002", -1L).get().refusal());
  }

  private static ShiftSheet sheet(String handedTo) {
    return new ShiftSheet(
        1,
        "cashier1",
        Instant.EPOCH,
        Instant.EPOCH,
        0,
        0,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        handedTo,
        1,
        "00");
  }
}
