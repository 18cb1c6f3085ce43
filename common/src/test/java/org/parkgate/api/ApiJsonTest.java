package org.parkgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.money.Money;
import org.parkgate.site.BarrierPosition;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

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
                LaneKind.EXIT,
                LaneState.AWAITING_PAYMENT,
                BarrierPosition.CLOSED,
                true,
                List.of("Fee 5.00", "Pay at booth"),
                LaneMode.NORMAL),
            new ConsoleEvent.LaneStatus(
                1, t, "entry-1", LaneKind.ENTRY, LaneState.STARTING, null, false, List.of(), null),
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
                List.of(new ConsoleEvent.FeeItem("day", "per started hour", 1, due)),
                new org.parkgate.fee.TariffRef(3, "city-centre", "城区收费标准", "1a2b3c4d5e6f")),
            new ConsoleEvent.PaymentRecorded(
                4, t, "exit-1", 7, "00A1B2C3D4", due, "demo-000001", "cashier1"),
            new ConsoleEvent.PaymentReversed(
                4, t, "exit-1", "demo-000001", due, "supervisor1", "wrong vehicle charged"),
            new ConsoleEvent.VehicleLeft(5, t, "exit-1", 7, "00A1B2C3D4"),
            new ConsoleEvent.DeviceStatus(6, t, "exit-1", "barrier", false, "no answer for 3 s"),
            new ConsoleEvent.CardRejected(7, t, "exit-1", "FFFF", "no open stay for this card"),
            new ConsoleEvent.Incident(
                7, t, "exit-1", IncidentKind.TAILGATING, "00A1", null, "a second vehicle", 3L),
            new ConsoleEvent.IncidentResolved(7, t, "exit-1", 3, "spoke to the driver", "cashier1"),
            new ConsoleEvent.ShiftHandedOver(
                8, t, null, 3, "cashier1", "cashier2", 4, Money.of(15000, "CNY")),
            new ConsoleEvent.LaneModeChanged(
                7, t, "exit-1", LaneMode.HELD_OPEN, "supervisor1", "concert"),
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
                "0a".repeat(32),
                Money.of(15000, "CNY"),
                Money.of(15900, "CNY"),
                Money.of(15850, "CNY"),
                Money.of(-50, "CNY"),
                List.of(new ShiftFigures.TenderTotal(Tender.CARD, 2, due.times(2)))),
            new ConsoleCommand.OpenShift("r5", "s1"),
            new ConsoleCommand.OpenShift(
                "r5a", "s1", new CashCount("CNY", List.of(new CashCount.Pieces(10000, 1)))),
            new ConsoleCommand.CloseShift("r6", "s1"),
            new ConsoleCommand.CloseShift("r6a", "s1", new CashCount("CNY", List.of())),
            new ConsoleCommand.CloseShift("r6b", "s1", new CashCount("CNY", List.of()), 3L, 4L),
            new ConsoleCommand.ResolveIncident("r6c", "s1", 3, "spoke to the driver"),
            new ConsoleCommand.ReprintShiftReport("r6d", "s1", 3),
            new ConsoleCommand.ListVoucherBatches("r7a", "s3"),
            new ConsoleCommand.IssueVouchers(
                "r7b",
                "s3",
                "SHOP1H",
                "Cafe Nord",
                20,
                java.time.LocalDate.parse("2027-01-09"),
                java.time.LocalDate.parse("2027-02-08"),
                null),
            new ConsoleCommand.ShowVoucher("r7d", "s3", "ABCD-EFGH-JK"),
            new ConsoleCommand.VoidVoucher("r7e", "s3", "ABCD-EFGH-JK", "reported stolen"),
            new ConsoleCommand.ListExemptions(
                "r7f", "s3", java.time.LocalDate.parse("2027-01-09"), null),
            CommandResult.ok("r7b", vouchersIssued(t)),
            CommandResult.ok(
                "r7f",
                new Answer.ExemptionRegister(
                    java.time.LocalDate.parse("2027-01-09"),
                    java.time.LocalDate.parse("2027-01-09"),
                    List.of(
                        new FreePassEntry(
                            1,
                            "exit-1",
                            7,
                            "00A1",
                            "粤B12345",
                            t.minusSeconds(3600),
                            due,
                            "ambulance",
                            "cashier1",
                            t,
                            true,
                            "supervisor1",
                            null,
                            t)),
                    1,
                    List.of(new ManualLiftEntry(1, "exit-1", 0, null, "fault", "cashier1", t)),
                    1)),
            new ConsoleCommand.Hello("r1", "booth-1", "secret", 12),
            new ConsoleCommand.Login("r1a", "cashier1", "pw", "127.0.0.1"),
            new ConsoleCommand.Logout("r1b", "s1"),
            new ConsoleCommand.UnlockUser("r1c", "s2", "cashier1"),
            new ConsoleCommand.RecordCashPayment("r2", "s1", "exit-1", 7, due),
            new ConsoleCommand.RecordCashPayment(
                "r2m", "s1", "exit-1", 7, due, Tender.MOBILE, null, "4200001234202701091234567890"),
            new ConsoleCommand.ReversePayment("r4", "s2", "demo-000001", "wrong vehicle charged"),
            new ConsoleCommand.SetLaneMode(
                "r4a", "s2", "exit-1", org.parkgate.site.LaneMode.FREE_EXIT, "event"),
            new ConsoleCommand.PayStationPayment("r5", "s1", "00A1B2C3D4", due, "pay-1"),
            new ConsoleCommand.ResetPassback("r6", "s2", "00A1B2C3D4", "let out by hand"),
            new ConsoleCommand.FindStay("r7", "s1", "粤B12345", null),
            new ConsoleCommand.FindStay("r8", "s1", null, "00A1B2C3D4"),
            new ConsoleCommand.ReportLostCard("r9", "s1", "exit-1", 42, LostCardFormTest.GOOD),
            new ConsoleCommand.RecordCashDrop("r10", "s1", Money.of(100000, "CNY")),
            CommandResult.ok(
                "r2",
                new Answer.Receipt(
                    "demo-000001",
                    7,
                    "exit-1",
                    "00A1",
                    "粤B12345",
                    due,
                    "cashier1",
                    t,
                    Tender.CASH,
                    Money.of(2000, "CNY"),
                    Money.of(900, "CNY"),
                    null,
                    41,
                    "41-ABCD-EFGH",
                    new org.parkgate.fee.TariffRef(3, "city-centre", "城区收费标准", "1a2b3c4d5e6f"),
                    new ShiftFigures(
                        3,
                        Money.of(15000, "CNY"),
                        List.of(new ShiftFigures.TenderTotal(Tender.CASH, 1, due)),
                        Money.of(2000, "CNY"),
                        Money.of(900, "CNY"),
                        Money.of(0, "CNY"),
                        Money.of(0, "CNY"),
                        Money.of(16100, "CNY"),
                        Money.of(200000, "CNY")))),
            CommandResult.ok(
                "r2d",
                new Answer.CashDropped(
                    4,
                    3,
                    Money.of(100000, "CNY"),
                    "cashier1",
                    t,
                    new ShiftFigures(
                        3,
                        Money.of(15000, "CNY"),
                        List.of(),
                        Money.of(0, "CNY"),
                        Money.of(0, "CNY"),
                        Money.of(0, "CNY"),
                        Money.of(100000, "CNY"),
                        Money.of(-85000, "CNY"),
                        null))),
            CommandResult.ok(
                "r2a",
                new Answer.LoggedIn("tok", "cashier1", "Cashier One", Role.CASHIER, t, t, false)),
            CommandResult.ok(
                "r2b",
                new Answer.StaysFound(
                    List.of(
                        new FoundStay(7, "00A1", "entry-1", t, "粤B12345", "car", "blue", due)))),
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

  @Test
  void laneStatusKeepsItsWireWords() {
    String json =
        ApiJson.write(
            new ConsoleEvent.LaneStatus(
                1,
                Instant.parse("2027-01-09T02:00:00Z"),
                "exit-1",
                LaneKind.EXIT,
                LaneState.HELD_OPEN,
                BarrierPosition.MOVING,
                false,
                List.of(),
                LaneMode.FREE_EXIT));
    assertTrue(
        json.contains("\"kind\":\"EXIT\",\"state\":\"HELD_OPEN\",\"barrier\":\"moving\","), json);
    assertTrue(json.contains("\"mode\":\"FREE_EXIT\""), json);
  }

  @Test
  void anUnknownStateModeBarrierOrIncidentIsRefusedByName() {
    String status =
        "{\"type\":\"lane-status\",\"seq\":1,\"at\":\"2027-01-09T02:00:00Z\","
            + "\"lane\":\"exit-1\",\"kind\":\"EXIT\",\"state\":\"%s\",\"barrier\":\"%s\","
            + "\"vehiclePresent\":false,\"display\":[],\"mode\":\"%s\"}";
    assertEquals(
        String.format(status, "IDLE", "closed", "NORMAL"),
        ApiJson.write(
            new ConsoleEvent.LaneStatus(
                1,
                Instant.parse("2027-01-09T02:00:00Z"),
                "exit-1",
                LaneKind.EXIT,
                LaneState.IDLE,
                BarrierPosition.CLOSED,
                false,
                List.of(),
                LaneMode.NORMAL)),
        "the template below is a real message");
    assertEquals(
        "unknown state 'DOZING' (one of STARTING, IDLE, WAITING_CARD, CHECKING, AWAITING_PAYMENT,"
            + " OPENING, PASSING, CLOSING, HELD_OPEN)",
        refusal(String.format(status, "DOZING", "closed", "NORMAL")));
    assertEquals(
        "unknown barrier 'CLOSED' (one of open, closed, moving)",
        refusal(String.format(status, "IDLE", "CLOSED", "NORMAL")));
    assertEquals(
        "unknown barrier 'up' (one of open, closed, moving)",
        refusal(String.format(status, "IDLE", "up", "NORMAL")));
    assertEquals(
        "unknown mode 'normal' (one of NORMAL, HELD_OPEN, CLOSED, FREE_EXIT)",
        refusal(String.format(status, "IDLE", "closed", "normal")));
    assertTrue(
        refusal(
                "{\"type\":\"incident\",\"seq\":1,\"at\":\"2027-01-09T02:00:00Z\","
                    + "\"lane\":\"exit-1\",\"kind\":\"GHOST\"}")
            .startsWith("unknown kind 'GHOST' (one of ARM_LIFTED_WITHOUT_TRANSACTION, "));
    assertEquals(
        "unknown mode 'AJAR' (one of NORMAL, HELD_OPEN, CLOSED, FREE_EXIT)",
        refusal(
            "{\"type\":\"set-lane-mode\",\"requestId\":\"r\",\"session\":\"s\","
                + "\"lane\":\"exit-1\",\"mode\":\"AJAR\",\"reason\":\"x\"}"));
  }

  private static Answer.VouchersIssued vouchersIssued(Instant t) {
    return new Answer.VouchersIssued(
        new VoucherBatch(
            1,
            "Cafe Nord",
            "SHOP1H",
            2,
            0,
            0,
            java.time.LocalDate.parse("2027-01-09"),
            java.time.LocalDate.parse("2027-02-08"),
            null,
            "finance1",
            t),
        List.of("ABCD-EFGH-JK", "2345-6789-AB"));
  }

  private static String refusal(String json) {
    return assertThrows(ApiJson.BadMessageException.class, () -> ApiJson.read(json)).getMessage();
  }
}
