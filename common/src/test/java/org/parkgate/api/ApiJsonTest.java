package org.parkgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.money.Money;

class ApiJsonTest {

  @Test
  void everyKindOfMessageSurvivesTheWire() throws Exception {
    Money due = Money.of(500, "CNY");
    Instant t = Instant.parse("2027-01-09T02:00:00Z");
    List<ApiMessage> messages =
        List.of(
            new ConsoleEvent.LaneStatus(
                1,
                t,
                "exit-1",
                "EXIT",
                "AWAITING_PAYMENT",
                "closed",
                true,
                List.of("Fee 5.00", "Pay at booth"),
                "NORMAL"),
            new ConsoleEvent.EntryRecorded(2, t, "entry-1", 7, "00A1B2C3D4"),
            new ConsoleEvent.ExitPending(
                3,
                t,
                "exit-1",
                7,
                "00A1B2C3D4",
                t.minusSeconds(3600),
                t,
                due,
                List.of(new ConsoleEvent.FeeItem("day", "per started hour", 1, due))),
            new ConsoleEvent.PaymentRecorded(
                4, t, "exit-1", 7, "00A1B2C3D4", due, "demo-000001", "cashier1"),
            new ConsoleEvent.PaymentReversed(
                4, t, "exit-1", "demo-000001", due, "supervisor1", "wrong vehicle charged"),
            new ConsoleEvent.VehicleLeft(5, t, "exit-1", 7, "00A1B2C3D4"),
            new ConsoleEvent.DeviceStatus(6, t, "exit-1", "barrier", false, "no answer for 3 s"),
            new ConsoleEvent.CardRejected(7, t, "exit-1", "FFFF", "no open stay for this card"),
            new ConsoleEvent.ShiftClosed(
                8,
                t,
                null,
                3,
                "cashier1",
                t.minusSeconds(28800),
                2,
                "demo-000001",
                "demo-000002",
                1,
                List.of(new ConsoleEvent.ShiftTotal(2, due.times(2), 1, Money.of(-500, "CNY"))),
                41,
                "0a".repeat(32)),
            new ConsoleCommand.OpenShift("r5", "s1"),
            new ConsoleCommand.CloseShift("r6", "s1"),
            new ConsoleCommand.Hello("r1", "booth-1", "secret", 12),
            new ConsoleCommand.Login("r1a", "cashier1", "pw", "127.0.0.1"),
            new ConsoleCommand.Logout("r1b", "s1"),
            new ConsoleCommand.UnlockUser("r1c", "s2", "cashier1"),
            new ConsoleCommand.RecordCashPayment("r2", "s1", "exit-1", 7, due),
            new ConsoleCommand.ReversePayment("r4", "s2", "demo-000001", "wrong vehicle charged"),
            new ConsoleCommand.SetLaneMode(
                "r4a", "s2", "exit-1", org.parkgate.site.LaneMode.FREE_EXIT, "event"),
            new ConsoleCommand.PayStationPayment("r5", "s1", "00A1B2C3D4", due, "pay-1"),
            new ConsoleCommand.ResetPassback("r6", "s2", "00A1B2C3D4", "let out by hand"),
            new ConsoleCommand.FindStay("r7", "s1", "粤B12345", null),
            new ConsoleCommand.FindStay("r8", "s1", null, "00A1B2C3D4"),
            new ConsoleCommand.ReportLostCard("r9", "s1", "exit-1", 42),
            CommandResult.ok(
                "r2", new Answer.Receipt("demo-000001", 7, "exit-1", "00A1", due, "cashier1", t)),
            CommandResult.ok(
                "r2a",
                new Answer.LoggedIn("tok", "cashier1", "Cashier One", Role.CASHIER, t, t, false)),
            CommandResult.ok(
                "r2b",
                new Answer.StaysFound(
                    List.of(
                        new Answer.FoundStay(
                            7, "00A1", "entry-1", t, "粤B12345", "car", "blue", due)))),
            CommandResult.ok(
                "r2c",
                new Answer.ModeSet(3, "exit-1", org.parkgate.site.LaneMode.CLOSED, "sup", "works")),
            CommandResult.refused("r3", Refusal.NOT_NOW, "no vehicle waiting at exit-1"),
            new Welcome(
                "demo",
                "Demo Car Park",
                java.time.ZoneId.of("Asia/Shanghai"),
                "CNY",
                7,
                List.of("entry-1", "exit-1")));
    for (ApiMessage message : messages) {
      assertEquals(message, ApiJson.read(ApiJson.write(message)));
    }
  }

  @Test
  void aPayStationPaymentIsNamedOnTheWire() {
    String json =
        ApiJson.write(
            new ConsoleCommand.PayStationPayment(
                "r5", "s1", "00A1B2C3D4", Money.of(900, "CNY"), "pay-1"));
    assertTrue(json.startsWith("{\"type\":\"pay-station-payment\""), json);
  }

  @Test
  void aFindStayIsNamedOnTheWireAndMayLeaveOutTheCard() throws Exception {
    String json = ApiJson.write(new ConsoleCommand.FindStay("r7", "s1", "粤B12345", null));
    assertTrue(json.startsWith("{\"type\":\"find-stay\""), json);
    assertEquals(
        new ConsoleCommand.FindStay("r7", "s1", "粤B12345", null),
        ApiJson.read(
            "{\"type\":\"find-stay\",\"requestId\":\"r7\",\"session\":\"s1\",\"plate\":\"粤B12345\"}"));
  }

  @Test
  void moneyTravelsAsMinorUnitsAndCurrency() {
    String json =
        ApiJson.write(
            new ConsoleCommand.RecordCashPayment("r2", "s", "exit-1", 7, Money.of(1100, "CNY")));
    assertTrue(json.contains("\"amount\":{\"minor\":1100,\"currency\":\"CNY\"}"), json);
  }

  @Test
  void badInputIsRefusedWithAReason() {
    assertEquals(
        "unknown message type 'pay-twice'",
        assertThrows(
                ApiJson.BadMessageException.class, () -> ApiJson.read("{\"type\":\"pay-twice\"}"))
            .getMessage());
    assertEquals(
        "unknown field 'tip'",
        assertThrows(
                ApiJson.BadMessageException.class,
                () ->
                    ApiJson.read(
                        "{\"type\":\"hello\",\"requestId\":\"a\",\"consoleId\":\"b\",\"afterSeq\":0,\"tip\":1}"))
            .getMessage());
    assertTrue(
        assertThrows(ApiJson.BadMessageException.class, () -> ApiJson.read("{\"type\":\"hello\","))
            .getMessage()
            .startsWith("malformed message"));
    assertTrue(
        assertThrows(ApiJson.BadMessageException.class, () -> ApiJson.read("x".repeat(70_000)))
            .getMessage()
            .startsWith("message too large"));
  }
}
