package org.parkgate.controller.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneState;

class LaneTest {
  // arming, safety, open limit, closed limit, fault
  static final BarrierInputs CLOSED_EMPTY = new BarrierInputs(false, false, false, true, false);
  static final BarrierInputs CLOSED_ARMED = new BarrierInputs(true, false, false, true, false);
  static final BarrierInputs MOVING_ARMED = new BarrierInputs(true, false, false, false, false);
  static final BarrierInputs OPEN_ARMED = new BarrierInputs(true, false, true, false, false);
  static final BarrierInputs OPEN_UNDER_ARM = new BarrierInputs(false, true, true, false, false);
  static final BarrierInputs OPEN_EMPTY = new BarrierInputs(false, false, true, false, false);
  static final BarrierInputs MOVING_EMPTY = new BarrierInputs(false, false, false, false, false);
  static final BarrierInputs MOVING_UNDER_ARM = new BarrierInputs(false, true, false, false, false);
  static final Money FIVE = Money.of(500, "CNY");

  private Lane lane;
  private final List<LaneCommand> commands = new ArrayList<>();

  private void start(LaneKind kind) {
    lane = Lane.starting(kind);
  }

  private void on(LaneEvent event) {
    Lane.Step step = lane.on(event);
    lane = step.lane();
    commands.clear();
    commands.addAll(step.commands());
  }

  private void inputs(BarrierInputs inputs) {
    on(new LaneEvent.Inputs(inputs));
  }

  /** The state, and the commands other than timers (timers are checked by their own tests). */
  private void expect(LaneState state, Class<?>... kinds) {
    assertEquals(state, lane.state());
    assertEquals(
        List.of(kinds),
        commands.stream()
            .filter(c -> !(c instanceof LaneCommand.StartTimer))
            .map(Object::getClass)
            .toList(),
        "commands " + commands);
  }

  /** The one command of this type in the last step. */
  private <T extends LaneCommand> T the(Class<T> type) {
    List<T> found = commands.stream().filter(type::isInstance).map(type::cast).toList();
    assertEquals(1, found.size(), "one " + type.getSimpleName() + " in " + commands);
    return found.get(0);
  }

  @Test
  void entryIssuesACardRecordsTheEntryOpensAndClosesBehindTheVehicle() {
    start(LaneKind.ENTRY);
    inputs(CLOSED_EMPTY);
    expect(LaneState.IDLE, LaneCommand.Show.class);
    inputs(CLOSED_ARMED);
    expect(LaneState.WAITING_CARD, LaneCommand.IssueCard.class, LaneCommand.Show.class);
    on(new LaneEvent.CardRead("00A1B2C3D4"));
    expect(LaneState.CHECKING, LaneCommand.RecordEntry.class);
    assertEquals(new LaneCommand.RecordEntry("00A1B2C3D4", null), commands.get(0));
    on(new LaneEvent.EntryRecorded("00A1B2C3D4", 7));
    expect(LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);
    inputs(OPEN_ARMED);
    expect(LaneState.OPENING);
    inputs(OPEN_UNDER_ARM);
    expect(LaneState.PASSING);
    inputs(OPEN_EMPTY);
    // Through the barrier: inside, and its passage recorded.
    expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.RecordPassage.class);
    inputs(MOVING_EMPTY);
    expect(LaneState.CLOSING);
    inputs(CLOSED_EMPTY);
    expect(LaneState.IDLE, LaneCommand.Show.class);
  }

  @Test
  void exitThatOwesWaitsForPaymentThenOpensAndRecordsTheExit() {
    start(LaneKind.EXIT);
    inputs(CLOSED_EMPTY);
    inputs(CLOSED_ARMED);
    expect(LaneState.WAITING_CARD, LaneCommand.Show.class);
    on(new LaneEvent.CardRead("C1"));
    expect(LaneState.CHECKING, LaneCommand.QuoteExit.class);
    on(new LaneEvent.ExitQuoted("C1", 7, FIVE));
    expect(LaneState.AWAITING_PAYMENT, LaneCommand.Show.class);
    assertTrue(
        ((LaneCommand.Show) commands.get(0)).rows().get(0).both().contains("5.00"),
        "the display shows the fee");
    on(new LaneEvent.Paid(8));
    expect(LaneState.AWAITING_PAYMENT);
    on(new LaneEvent.Paid(7));
    expect(LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);
    inputs(OPEN_UNDER_ARM);
    expect(LaneState.PASSING);
    inputs(OPEN_EMPTY);
    expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.RecordExit.class);
    assertEquals(new LaneCommand.RecordExit(7), the(LaneCommand.RecordExit.class));
  }

  @Test
  void exitThatOwesNothingOpensAtOnce() {
    start(LaneKind.EXIT);
    inputs(CLOSED_ARMED);
    on(new LaneEvent.CardRead("C1"));
    on(new LaneEvent.ExitQuoted("C1", 7, Money.zero(FIVE.currency())));
    expect(LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);
  }

  @Test
  void aStayClosedWhileItsFeeIsAwaitedIsPricedAgainNotTaken() {
    start(LaneKind.EXIT);
    inputs(CLOSED_ARMED);
    on(new LaneEvent.CardRead("C1"));
    on(new LaneEvent.ExitQuoted("C1", 7, FIVE));
    expect(LaneState.AWAITING_PAYMENT, LaneCommand.Show.class);
    on(new LaneEvent.StayClosed(8));
    expect(LaneState.AWAITING_PAYMENT);
    on(new LaneEvent.StayClosed(7));
    expect(LaneState.CHECKING, LaneCommand.QuoteExit.class);
    assertEquals(0, lane.stayId(), "the closed stay is forgotten");
    on(new LaneEvent.Paid(7));
    expect(LaneState.CHECKING);
  }

  @Test
  void aRefusedCardIsReportedAndTheLaneWaitsForAnother() {
    start(LaneKind.EXIT);
    inputs(CLOSED_ARMED);
    on(new LaneEvent.CardRead("BAD"));
    on(new LaneEvent.CardRefused("BAD", "no open stay for this card"));
    expect(LaneState.WAITING_CARD, LaneCommand.Show.class, LaneCommand.ReportRefusal.class);
    on(new LaneEvent.CardRead("GOOD"));
    expect(LaneState.CHECKING, LaneCommand.QuoteExit.class);
  }

  @Test
  void aCardWithNoVehicleIsHeldBrieflyThenRefused() {
    start(LaneKind.EXIT);
    inputs(CLOSED_EMPTY);
    on(new LaneEvent.CardRead("C1"));
    expect(LaneState.IDLE, LaneCommand.HoldCard.class);
    on(new LaneEvent.CardExpired("C1"));
    assertEquals(List.of(new LaneCommand.ReportRefusal("C1", "no vehicle at the lane")), commands);
    inputs(CLOSED_ARMED);
    expect(LaneState.WAITING_CARD, LaneCommand.Show.class);
  }

  @Test
  void aCardReadJustBeforeTheLoopSawTheVehicleIsServedWhenItDoes() {
    start(LaneKind.EXIT);
    inputs(CLOSED_EMPTY);
    on(new LaneEvent.CardRead("C1"));
    inputs(CLOSED_ARMED);
    expect(LaneState.CHECKING, LaneCommand.QuoteExit.class);
    assertEquals(new LaneCommand.QuoteExit("C1", null), commands.get(0));
    on(new LaneEvent.CardExpired("C1"));
    expect(LaneState.CHECKING);
  }

  @Test
  void aVehicleThatBacksOffIsForgotten() {
    start(LaneKind.EXIT);
    inputs(CLOSED_ARMED);
    on(new LaneEvent.CardRead("C1"));
    on(new LaneEvent.ExitQuoted("C1", 7, FIVE));
    inputs(CLOSED_EMPTY);
    expect(LaneState.IDLE, LaneCommand.Show.class);
    on(new LaneEvent.Paid(7));
    expect(LaneState.IDLE);
  }

  @Test
  void aVehicleThatCrossedBetweenTwoPollsIsClosedBehindAndItsExitRecorded() {
    start(LaneKind.EXIT);
    inputs(CLOSED_ARMED);
    on(new LaneEvent.CardRead("C1"));
    on(new LaneEvent.ExitQuoted("C1", 7, FIVE));
    on(new LaneEvent.Paid(7));
    inputs(OPEN_ARMED);
    expect(LaneState.OPENING);
    inputs(OPEN_EMPTY);
    expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.RecordExit.class);
  }

  @Test
  void aVehicleOnTheSafetyLoopWhileClosingReopensTheBarrier() {
    start(LaneKind.ENTRY);
    inputs(CLOSED_ARMED);
    on(new LaneEvent.CardRead("C1"));
    on(new LaneEvent.EntryRecorded("C1", 1));
    inputs(OPEN_UNDER_ARM);
    inputs(OPEN_EMPTY);
    inputs(MOVING_UNDER_ARM);
    expect(LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.ReportIncident.class);
    assertEquals(IncidentKind.TAILGATING, the(LaneCommand.ReportIncident.class).kind());
  }

  @Test
  void theNextVehicleWaitingWhenTheBarrierClosesIsServed() {
    start(LaneKind.ENTRY);
    inputs(CLOSED_ARMED);
    on(new LaneEvent.CardRead("C1"));
    on(new LaneEvent.EntryRecorded("C1", 1));
    inputs(OPEN_UNDER_ARM);
    inputs(OPEN_EMPTY);
    inputs(MOVING_ARMED);
    expect(LaneState.CLOSING);
    inputs(CLOSED_ARMED);
    expect(LaneState.WAITING_CARD, LaneCommand.IssueCard.class, LaneCommand.Show.class);
  }

  @Test
  void onStartNothingIsCommandedBeforeTheDevicesAreRead() {
    start(LaneKind.EXIT);
    on(new LaneEvent.CardRead("C1"));
    assertEquals(LaneState.STARTING, lane.state());
    assertTrue(
        commands.stream()
            .noneMatch(
                c ->
                    c instanceof LaneCommand.OpenBarrier || c instanceof LaneCommand.CloseBarrier));
  }

  @Test
  void onStartAnOpenBarrierWithSomeoneUnderItWaitsThenCloses() {
    start(LaneKind.ENTRY);
    inputs(OPEN_UNDER_ARM);
    expect(LaneState.PASSING);
    inputs(OPEN_EMPTY);
    expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class);
  }

  @Test
  void onStartAnOpenBarrierWithNobodyUnderItCloses() {
    start(LaneKind.EXIT);
    inputs(OPEN_EMPTY);
    expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class);
  }

  /**
   * Thousands of random input and credential sequences: never a close over an occupied safety loop.
   */
  @Test
  void neverCommandsACloseWhileTheSafetyLoopIsOccupied() {
    Random random = new Random(20270109);
    int closes = 0;
    for (int run = 0; run < 5_000; run++) {
      Lane l = Lane.starting(random.nextBoolean() ? LaneKind.ENTRY : LaneKind.EXIT);
      for (int i = 0; i < 40; i++) {
        LaneEvent event =
            switch (random.nextInt(8)) {
              case 0, 1, 2 ->
                  new LaneEvent.Inputs(
                      new BarrierInputs(
                          random.nextBoolean(),
                          random.nextBoolean(),
                          random.nextBoolean(),
                          random.nextBoolean(),
                          random.nextInt(10) == 0));
              case 3 ->
                  random.nextBoolean()
                      ? new LaneEvent.CardRead("C" + random.nextInt(3))
                      : new LaneEvent.CardExpired("C" + random.nextInt(3));
              case 4 ->
                  random.nextBoolean()
                      ? new LaneEvent.EntryRecorded("C1", 1)
                      : new LaneEvent.ExitQuoted("C1", 1, Money.of(random.nextInt(2) * 500, "CNY"));
              case 5 -> new LaneEvent.Paid(1);
              case 6 ->
                  random.nextBoolean()
                      ? new LaneEvent.TimerFired(
                          TimerKind.values()[random.nextInt(3)], l.arm().timer())
                      : new LaneEvent.ModeSet(
                          org.parkgate.site.LaneMode.values()[random.nextInt(4)]);
              default ->
                  random.nextBoolean()
                      ? new LaneEvent.BarrierOffline("no answer")
                      : new LaneEvent.BarrierOnline(java.time.Duration.ofSeconds(5));
            };
        Lane.Step step = l.on(event);
        for (LaneCommand c : step.commands()) {
          if (c instanceof LaneCommand.CloseBarrier) {
            closes++;
            assertTrue(
                !step.lane().inputs().safetyLoop(),
                "close commanded over an occupied safety loop after " + event);
          }
        }
        l = step.lane();
      }
    }
    assertTrue(closes > 1_000, "the sequences exercised closing: " + closes);
  }
}
