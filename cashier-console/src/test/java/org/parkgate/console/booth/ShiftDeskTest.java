package org.parkgate.console.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parkgate.api.Answer;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CashCount;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.ShiftSheet;
import org.parkgate.console.TestConsole;
import org.parkgate.console.auth.Session;
import org.parkgate.console.printer.ReceiptOutput;
import org.parkgate.console.printer.ReceiptPrint;
import org.parkgate.money.Money;

/**
 * The booth's handover, incident resolutions and shift reports: what reaches the controller, what
 * is refused with nothing sent, and what prints.
 */
class ShiftDeskTest {
  private static final Session CASHIER = session("tok-C", "cashier1", Role.CASHIER);
  private static final Session FINANCE = session("tok-F", "finance1", Role.FINANCE);
  private static final List<CashCount.Pieces> HUNDRED = List.of(new CashCount.Pieces(10000, 1));

  private final List<String> wire = new ArrayList<>();
  private final List<String> printed = new ArrayList<>();
  private CommandResult answer;

  private final ShiftDesk desk =
      new ShiftDesk(
          new BrowserHub(new BoothState(TestConsole.demoSite())),
          command -> {
            wire.add(ApiJson.write(command));
            return CompletableFuture.completedFuture(
                answer == null ? CommandResult.ok(command.requestId(), null) : answer);
          },
          "Demo Car Park",
          new ReceiptOutput() {
            @Override
            public void receipt(ReceiptPrint receipt) {}

            @Override
            public void kickDrawer(long openingNo) {}

            @Override
            public void shiftReport(String siteName, ShiftSheet sheet, int copyNo) {
              printed.add(siteName + " #" + sheet.shiftNo() + " copy " + copyNo);
            }
          });

  private ShiftDesk.HandoverRequest handover(String id, String incoming, String password) {
    return new ShiftDesk.HandoverRequest(
        id, HUNDRED, 1L, 1L, incoming, password, HUNDRED, "192.0.2.7");
  }

  @Test
  void aHandoverGoesInTheOutgoingSessionWithTheIncomingCredentialsAndPrintsItsReportOnce()
      throws Exception {
    answer =
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
    answer =
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

  private static Session session(String token, String username, Role role) {
    Instant now = Instant.parse("2027-01-09T01:00:00Z");
    return new Session(
        "cookie-" + username,
        token,
        username,
        username,
        role,
        now,
        now,
        now.plusSeconds(900),
        now.plusSeconds(8 * 3600),
        Duration.ofMinutes(15));
  }
}
