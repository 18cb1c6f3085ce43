package org.parkgate.console.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.console.FakeController;
import org.parkgate.console.TestConsole;
import org.parkgate.money.Money;
import org.parkgate.site.BarrierPosition;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

class BoothStateTest {
  private final BoothState state = new BoothState(TestConsole.demoSite());
  private static final Instant T = Instant.parse("2027-01-09T06:31:00Z");

  @Test
  void aWaitingExitShowsFeeAndTimesInTheSiteZone() {
    state.apply(FakeController.exitPending(7, "00A1", 1105).apply(1));
    BoothView.Pending p = exit().pending();
    assertEquals("11.05", p.due());
    assertEquals(1105, p.dueMinor());
    assertEquals("2027-01-09 13:00:00", p.entryTime(), "UTC 05:00 is 13:00 in Shanghai");
    assertEquals(List.of("5.52", "5.53"), p.items().stream().map(BoothView.Item::amount).toList());
  }

  @Test
  void paymentClearsTheWaitingCarAndShowsTheReceiptUntilItLeaves() {
    state.apply(FakeController.exitPending(7, "00A1", 1100).apply(1));
    var log =
        state.apply(
            new ConsoleEvent.PaymentRecorded(
                2, T, "exit-1", 7, "00A1", Money.of(1100, "CNY"), "demo-000042", "cashier1"));
    assertNull(exit().pending());
    assertEquals("demo-000042", exit().paid().receiptNo());
    assertTrue(log.orElseThrow().text().startsWith("已收款：收据 demo-000042，"));
    assertTrue(log.orElseThrow().text().contains(" · Paid · Receipt demo-000042"));
    assertTrue(state.pendingAt("exit-1").isEmpty(), "no second payment for the same car");

    state.apply(new ConsoleEvent.VehicleLeft(3, T, "exit-1", 7, "00A1"));
    assertNull(exit().paid());
  }

  @Test
  void aClosedShiftShowsItsReportInTheSiteZoneAndMakesNoLane() {
    int lanes = state.view().lanes().size();
    var log =
        state.apply(
            new ConsoleEvent.ShiftClosed(
                9,
                T,
                null,
                4,
                "cashier1",
                T.minusSeconds(8 * 3600),
                3,
                "demo-000010",
                "demo-000012",
                1,
                List.of(
                    new ConsoleEvent.ShiftTotal(
                        3, Money.of(3300, "CNY"), 1, Money.of(-1100, "CNY"))),
                57,
                "cd".repeat(32),
                null,
                null,
                null,
                null,
                null));
    BoothView.Shift shift = state.view().shifts().get(0);
    assertEquals("", shift.variance(), "a shift closed before drawers were counted has none");
    assertEquals(4, shift.shiftNo());
    assertEquals("2027-01-09 06:31:00", shift.openedAt(), "22:31 UTC is 06:31 in Shanghai");
    assertEquals("2027-01-09 14:31:00", shift.closedAt());
    assertEquals("demo-000010 .. demo-000012", shift.receipts());
    assertEquals(
        List.of(new BoothView.ShiftTotal("CNY", 3, "33.00", 1, "-11.00", "22.00")), shift.totals());
    assertEquals(57, shift.chainLink());
    assertEquals(lanes, state.view().lanes().size(), "a shift is nobody's lane");
    assertTrue(log.orElseThrow().text().startsWith("交接班：班次 #4，cashier1"), log.orElseThrow().text());
    assertTrue(
        log.orElseThrow().text().contains(" · Shift closed · Shift #4 · cashier1"),
        log.orElseThrow().text());
  }

  @Test
  void aStayClosedByASupervisorIsLoggedButMakesNoLaneCard() {
    List<String> before = state.view().lanes().stream().map(BoothView.Lane::id).toList();
    var log = state.apply(new ConsoleEvent.VehicleLeft(3, T, "supervisor", 12, "00A1"));
    assertEquals(
        before,
        state.view().lanes().stream().map(BoothView.Lane::id).toList(),
        "only the site's lanes have cards");
    assertEquals("supervisor", log.orElseThrow().lane());
    assertTrue(log.orElseThrow().text().contains("00A1"), log.orElseThrow().text());
  }

  @Test
  void anOfflineDeviceIsListedUntilItIsBack() {
    var first =
        state.apply(new ConsoleEvent.DeviceStatus(1, T, "exit-1", "barrier", true, "answering"));
    assertTrue(
        first.orElseThrow().text().equals("设备在线：道闸 · Device online · barrier"),
        "a first report is not a recovery");
    state.apply(
        new ConsoleEvent.DeviceStatus(
            2, T, "exit-1", "barrier", false, "3 秒无应答 · no answer for 3 s"));
    assertEquals(List.of("道闸（3 秒无应答） · barrier (no answer for 3 s)"), exit().offlineDevices());
    var back = state.apply(new ConsoleEvent.DeviceStatus(3, T, "exit-1", "barrier", true, null));
    assertTrue(exit().offlineDevices().isEmpty());
    assertEquals("设备恢复在线：道闸 · Device back online · barrier", back.orElseThrow().text());
  }

  @Test
  void anIncidentIsShownOnItsLaneOverTheWaitingFeeAndLogged() {
    state.apply(FakeController.exitPending(7, "00A1", 1100).apply(1));
    var log =
        state.apply(
            new ConsoleEvent.Incident(
                2,
                T,
                "exit-1",
                IncidentKind.PLATE_MISMATCH,
                "00A1",
                "粤B99999",
                "entered as 粤B12345, leaving as 粤B99999",
                2L));
    String expected =
        "异常事件：PLATE_MISMATCH，卡号 00A1，车牌 粤B99999，entered as 粤B12345, leaving as 粤B99999 ·"
            + " Incident · PLATE_MISMATCH · Card 00A1 · Plate 粤B99999 · entered as 粤B12345,"
            + " leaving as 粤B99999";
    assertEquals(expected, exit().notice());
    assertEquals(expected, log.orElseThrow().text());
    assertEquals("11.00", exit().pending().due(), "the fee is still to be taken");
  }

  @Test
  void aLaneModeIsShownUntilTheLaneIsNormalAgain() {
    var log =
        state.apply(
            new ConsoleEvent.LaneModeChanged(
                1, T, "exit-1", LaneMode.FREE_EXIT, "sup1", "fire alarm"));
    assertEquals(
        "车道模式：免费放行，sup1，fire alarm · Lane mode · FREE_EXIT · sup1 · fire alarm", exit().notice());
    assertEquals(exit().notice(), log.orElseThrow().text());
    state.apply(
        new ConsoleEvent.LaneModeChanged(2, T, "exit-1", LaneMode.NORMAL, "sup1", "all clear"));
    assertNull(exit().notice());
  }

  @Test
  void eachLaneShowsTheModeItObeys() {
    assertNull(exit().mode(), "not known before the controller says");
    state.apply(
        FakeController.laneStatus(
                "exit-1", LaneKind.EXIT, LaneState.IDLE, BarrierPosition.CLOSED, false)
            .apply(1));
    assertEquals(LaneMode.NORMAL, exit().mode());
    state.apply(
        new ConsoleEvent.LaneModeChanged(2, T, "exit-1", LaneMode.CLOSED, "sup1", "resurfacing"));
    assertEquals(LaneMode.CLOSED, exit().mode(), "recorded: the lane is told next");
    state.apply(
        new ConsoleEvent.LaneStatus(
            3,
            T,
            "exit-1",
            LaneKind.EXIT,
            LaneState.IDLE,
            BarrierPosition.CLOSED,
            false,
            List.of("车道关闭"),
            LaneMode.CLOSED));
    assertEquals(LaneMode.CLOSED, exit().mode());
    state.reset();
    assertNull(exit().mode());
  }

  @Test
  void anAntiPassbackResetIsLoggedAndACardNotInsideMakesNoLane() {
    int lanes = state.view().lanes().size();
    var outside =
        state.apply(
            new ConsoleEvent.PassbackReset(1, T, null, "3F09A1C27E", "sup1", "let out by hand"));
    assertEquals(lanes, state.view().lanes().size(), "a card not inside is nobody's lane");
    assertEquals(
        "防潜回重置：卡号 3F09A1C27E，let out by hand，sup1 · Anti-passback reset · Card 3F09A1C27E"
            + " · let out by hand · sup1",
        outside.orElseThrow().text());
    assertEquals("", outside.orElseThrow().lane());

    var inside =
        state.apply(new ConsoleEvent.PassbackReset(2, T, "entry-1", "00A1", "sup1", "stuck"));
    assertEquals(
        lanes, state.view().lanes().size(), "the card's entry lane is one of the site's own");
    assertEquals("North entry", inside.orElseThrow().lane(), "logged at the lane it entered by");
    assertTrue(inside.orElseThrow().text().contains("卡号 00A1，stuck，sup1 · "));
    assertTrue(inside.orElseThrow().text().endsWith("Card 00A1 · stuck · sup1"));
    assertEquals(2, state.log().entries().size());
  }

  @Test
  void theLinkStateIsPartOfTheView() {
    state.linkDown("connection refused");
    assertFalse(state.view().link().online());
    assertTrue(state.view().link().detail().contains("Controller offline"));
  }

  @Test
  void aResetForgetsEverythingLearntFromEvents() {
    state.apply(FakeController.exitPending(7, "00A1", 1100).apply(5));
    state.reset();
    assertNull(exit().pending());
    assertEquals(0, state.view().link().lastSeq());
    assertTrue(state.log().entries().isEmpty());
  }

  private ConsoleEvent status(long seq, LaneState lane, boolean present) {
    return FakeController.laneStatus(
            "exit-1", LaneKind.EXIT, lane, BarrierPosition.CLOSED, present, "请插卡")
        .apply(seq);
  }

  @Test
  void anIdleLaneRebuiltFromTheHistoryShowsNoFeeToTake() {
    // The history a restarted console reads again: a car was quoted, then it backed away (or the
    // controller restarted) and the lane went idle without the stay being paid or closed.
    state.apply(status(1, LaneState.CHECKING, true));
    state.apply(FakeController.exitPending(7, "00A1", 1100).apply(2));
    state.apply(status(3, LaneState.AWAITING_PAYMENT, true));
    assertEquals("11.00", exit().pending().due(), "waiting while the lane awaits payment");
    state.apply(status(4, LaneState.STARTING, false));
    state.apply(status(5, LaneState.IDLE, false));
    assertNull(exit().pending(), "an idle lane has no fee");
    assertTrue(state.pendingAt("exit-1").isEmpty(), "and no payment is taken for it");
  }

  @Test
  void aFeeQuotedBeforeTheLaneTakesItIsKept() {
    // A lost card's fee is committed while the lane still waits for a card; a card's while it
    // checks: a status from that moment does not take the fee away.
    state.apply(status(1, LaneState.WAITING_CARD, true));
    state.apply(FakeController.exitPending(7, "00A1", 1100).apply(2));
    state.apply(status(3, LaneState.WAITING_CARD, true));
    state.apply(status(4, LaneState.CHECKING, true));
    assertEquals("11.00", exit().pending().due());
  }

  private ConsoleEvent incident(long seq) {
    return new ConsoleEvent.Incident(
        seq,
        T,
        "exit-1",
        IncidentKind.BLACKLISTED,
        "00A1",
        "沪A12345",
        "exit held: card barred",
        seq);
  }

  @Test
  void anIncidentNoticeGoesWhenTheLaneGoesIdleAndStaysInTheLog() {
    state.apply(status(1, LaneState.WAITING_CARD, true));
    state.apply(incident(2));
    assertTrue(exit().notice().contains("BLACKLISTED"), "shown while its car is there");
    state.apply(status(3, LaneState.WAITING_CARD, false));
    assertTrue(exit().notice().contains("BLACKLISTED"), "a loop change is not the lane idle");
    state.apply(status(4, LaneState.IDLE, false));
    assertNull(exit().notice(), "the car has gone: the lane is idle");
    assertTrue(
        state.log().entries().stream().anyMatch(e -> e.text().contains("BLACKLISTED")),
        "the incident stays in the event log");

    // An incident at a lane already idle (nothing left to leave) shows until it next goes idle.
    state.apply(incident(5));
    state.apply(status(6, LaneState.IDLE, false));
    assertTrue(exit().notice().contains("BLACKLISTED"));
  }

  @Test
  void anIncidentNoticeGoesWhenItsVehicleLeavesButALaneModeNoticeStays() {
    state.apply(
        new ConsoleEvent.LaneModeChanged(
            1, T, "exit-1", LaneMode.FREE_EXIT, "supervisor1", "ramp works"));
    state.apply(status(2, LaneState.CHECKING, true));
    state.apply(incident(3));
    assertTrue(exit().notice().contains("BLACKLISTED"));
    state.apply(new ConsoleEvent.VehicleLeft(4, T, "exit-1", 7, "00A1"));
    assertTrue(
        exit().notice().contains("ramp works"), "the mode's notice again: " + exit().notice());
    state.apply(status(5, LaneState.IDLE, false));
    assertTrue(exit().notice().contains("ramp works"), "until the lane is normal again");
  }

  @Test
  void aStayASupervisorClosedIsNoLongerWaitingToPay() {
    state.apply(FakeController.exitPending(7, "00A1", 1100).apply(1));
    state.apply(new ConsoleEvent.VehicleLeft(2, T, "supervisor", 8, "00B2"));
    assertEquals(7, exit().pending().stayId(), "another stay closed: this one still waits");
    // The reset closes the stay under the lane "supervisor", then says who reset the card.
    state.apply(new ConsoleEvent.VehicleLeft(3, T, "supervisor", 7, "00A1"));
    state.apply(
        new ConsoleEvent.PassbackReset(4, T, "entry-1", "00A1", "supervisor1", "let out by hand"));
    assertNull(exit().pending(), "no fee for the closed stay, no pay key");
    assertTrue(state.pendingAt("exit-1").isEmpty());
  }

  @Test
  void aChargedStayJustPastTheGraceNeverReadsAsWithinIt() {
    // 15 min 46 s parked after "15 minutes free": charged, so it must not read "15 min".
    Instant exitAt = Instant.parse("2027-01-09T06:30:00Z");
    state.apply(
        new ConsoleEvent.ExitPending(
            1,
            exitAt,
            "exit-1",
            8,
            "00A2",
            exitAt.minusSeconds(15 * 60 + 46),
            exitAt,
            Money.of(300, "CNY"),
            List.of(
                new ConsoleEvent.FeeItem(
                    "13:14-14:14", "每小时 per started hour", 1, Money.of(300, "CNY"))),
            null));
    assertEquals("15 分 46 秒 · 15 min 46 s", exit().pending().duration());
  }

  @Test
  void durationsAndMoneyReadTheWayCashiersSayThem() {
    assertEquals("0 分 59 秒 · 0 min 59 s", BoothFormat.duration(Duration.ofSeconds(59)));
    assertEquals("15 分 · 15 min", BoothFormat.duration(Duration.ofMinutes(15)), "exactly");
    assertEquals("1 小时 0 分 1 秒 · 1 h 0 min 1 s", BoothFormat.duration(Duration.ofSeconds(3601)));
    assertEquals("1 小时 30 分 · 1 h 30 min", BoothFormat.duration(Duration.ofMinutes(90)));
    assertEquals(
        "2 天 0 小时 5 分 · 2 d 0 h 5 min", BoothFormat.duration(Duration.ofDays(2).plusMinutes(5)));
    assertEquals("0.05", BoothFormat.money(Money.of(5, "CNY")));
    assertEquals("1500", BoothFormat.money(Money.of(1500, "JPY")), "currencies without decimals");
    assertEquals("¥", BoothFormat.symbol(java.util.Currency.getInstance("CNY")));
    assertEquals("2027-01-09 14:31:00", new BoothFormat(ZoneId.of("Asia/Shanghai")).dateTime(T));
  }

  @Test
  void aFreePassWaitsForASupervisorOnEveryConsoleUntilItIsDecided() {
    state.apply(FakeController.exitPending(7, "00A1", 1100).apply(1));
    var asked =
        state.apply(
            new ConsoleEvent.FreePassAsked(
                2,
                T,
                "exit-1",
                3,
                7,
                "00A1",
                "粤B12345",
                Money.of(1100, "CNY"),
                "ambulance",
                "cashier1"));
    BoothView.FreePass pass = state.view().freePasses().get(0);
    assertEquals(3, pass.passNo());
    assertEquals("exit-1", pass.lane());
    assertEquals("粤B12345", pass.plate());
    assertEquals("11.00", pass.fee());
    assertEquals("ambulance", pass.reason());
    assertEquals("cashier1", pass.askedBy());
    assertTrue(exit().notice().contains("Waiting for a supervisor: free pass #3"), exit().notice());
    assertTrue(asked.orElseThrow().text().contains("Free pass asked #3"));

    var decided =
        state.apply(
            new ConsoleEvent.FreePassDecided(
                3,
                T,
                "exit-1",
                3,
                7,
                false,
                Money.of(1100, "CNY"),
                "cashier1",
                "supervisor1",
                "pay at the office"));
    assertEquals(List.of(), state.view().freePasses(), "decided: no longer waiting");
    assertTrue(exit().notice().contains("Free pass refused #3 · supervisor1 · pay at the office"));
    assertEquals(exit().notice(), decided.orElseThrow().text());
  }

  @Test
  void vouchersAndBarriersLiftedByHandAreLogged() {
    state.apply(FakeController.exitPending(7, "00A1", 1100).apply(1));
    var voucher =
        state.apply(
            new ConsoleEvent.VoucherRedeemed(
                2,
                T,
                "exit-1",
                7,
                "2345-6789-AB",
                "MALL_2H",
                "mall",
                Money.of(1100, "CNY"),
                Money.of(300, "CNY"),
                "cashier1"));
    assertTrue(
        voucher.orElseThrow().text().contains("Voucher redeemed · 2345-6789-AB · MALL_2H"),
        voucher.get().text());
    assertTrue(voucher.get().text().contains("11.00 → 3.00"));
    var lifted =
        state.apply(
            new ConsoleEvent.BarrierLifted(
                3, T, "exit-1", 5, 7, Money.of(300, "CNY"), "reader fault", "cashier1"));
    assertEquals(
        "手动抬杆 #5，停车记录 #7，未收 3.00，reader fault，cashier1 · Barrier lifted by hand #5 ·"
            + " Stay #7 · Unpaid 3.00 · reader fault · cashier1",
        lifted.orElseThrow().text());
  }

  private BoothView.Lane exit() {
    return state.view().lanes().stream()
        .filter(l -> l.id().equals("exit-1"))
        .findFirst()
        .orElseThrow();
  }
}
