package org.parkgate.controller.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.lane.LaneScript.CLOSED_ARMED;
import static org.parkgate.controller.lane.LaneScript.CLOSED_EMPTY;
import static org.parkgate.controller.lane.LaneScript.MOVING_ARMED;
import static org.parkgate.controller.lane.LaneScript.MOVING_EMPTY;
import static org.parkgate.controller.lane.LaneScript.MOVING_UNDER_ARM;
import static org.parkgate.controller.lane.LaneScript.OPEN_ARMED;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneState;

/** Timers the lane asks for, what it does when they fire, and that stale ones do nothing. */
class LaneTimeoutsTest {
  private final LaneScript entry = new LaneScript(LaneKind.ENTRY);
  private final LaneScript exit = new LaneScript(LaneKind.EXIT);

  @Test
  void aCardNotTakenIsReportedAndTheDriverToldOnceThenTheLaneWaitsForIt() {
    entry.idle().inputs(CLOSED_ARMED);
    LaneCommand.StartTimer timer = entry.the(LaneCommand.StartTimer.class);
    assertEquals(TimerKind.CARD_NOT_TAKEN, timer.kind());
    assertEquals(Duration.ofSeconds(30), timer.after());
    entry.fire();
    entry.expect(LaneState.WAITING_CARD, LaneCommand.ReportIncident.class, LaneCommand.Show.class);
    assertEquals(IncidentKind.CARD_NOT_TAKEN, entry.incident());
    assertEquals(DriverMessages.cardNotTaken(), entry.shown());
    entry.on(new LaneEvent.TimerFired(timer.kind(), timer.token()));
    entry.expect(LaneState.WAITING_CARD);
    // Taken late, the card is served as usual.
    entry.on(new LaneEvent.CardRead("C1"));
    entry.expect(LaneState.CHECKING, LaneCommand.RecordEntry.class);
  }

  @Test
  void aCardTakenInTimeLeavesNothingForItsTimerToDo() {
    entry.idle().inputs(CLOSED_ARMED);
    LaneCommand.StartTimer timer = entry.the(LaneCommand.StartTimer.class);
    entry.on(new LaneEvent.CardRead("C1"));
    entry.on(new LaneEvent.TimerFired(timer.kind(), timer.token()));
    entry.expect(LaneState.CHECKING);
  }

  @Test
  void aTimerFromBeforeTheLatestOneIsIgnored() {
    entry.opening();
    LaneCommand.StartTimer open = entry.the(LaneCommand.StartTimer.class);
    entry.on(new LaneEvent.TimerFired(TimerKind.BARRIER_OPEN, open.token() - 1));
    entry.expect(LaneState.OPENING);
    entry.on(new LaneEvent.TimerFired(TimerKind.CARD_NOT_TAKEN, open.token() - 1));
    entry.expect(LaneState.OPENING);
  }

  @Test
  void aBarrierThatNeverReachesItsOpenLimitIsReportedStuckAndTheDriverSentForHelp() {
    exit.opening();
    LaneCommand.StartTimer timer = exit.the(LaneCommand.StartTimer.class);
    assertEquals(TimerKind.BARRIER_OPEN, timer.kind());
    assertEquals(LaneTimings.DEFAULTS.barrierTravel(), timer.after());
    exit.inputs(MOVING_ARMED).on(new LaneEvent.TimerFired(timer.kind(), timer.token()));
    exit.expect(LaneState.OPENING, LaneCommand.ReportIncident.class, LaneCommand.Show.class);
    assertEquals(IncidentKind.BARRIER_STUCK, exit.incident());
    assertEquals(DriverMessages.callForHelp(), exit.shown());
    assertEquals("C1", exit.the(LaneCommand.ReportIncident.class).card());
    // If it gets there after all, the vehicle is let through as usual.
    exit.inputs(OPEN_ARMED).inputs(LaneScript.OPEN_UNDER_ARM);
    exit.expect(LaneState.PASSING);
  }

  @Test
  void aBarrierThatOpensInTimeIsNotReported() {
    exit.opening();
    LaneCommand.StartTimer timer = exit.the(LaneCommand.StartTimer.class);
    exit.inputs(OPEN_ARMED).on(new LaneEvent.TimerFired(timer.kind(), timer.token()));
    exit.expect(LaneState.OPENING);
  }

  @Test
  void aBarrierThatDoesNotCloseIsToldOnceMoreThenReportedStuck() {
    entry.closing();
    assertEquals(TimerKind.BARRIER_CLOSE, entry.the(LaneCommand.StartTimer.class).kind());
    LaneCommand.StartTimer first = entry.the(LaneCommand.StartTimer.class);
    entry.fire();
    entry.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class);
    LaneCommand.StartTimer second = entry.the(LaneCommand.StartTimer.class);
    assertTrue(second.token() > first.token());
    entry.on(new LaneEvent.TimerFired(first.kind(), first.token()));
    entry.expect(LaneState.CLOSING);
    entry.on(new LaneEvent.TimerFired(second.kind(), second.token()));
    entry.expect(LaneState.CLOSING, LaneCommand.ReportIncident.class, LaneCommand.Show.class);
    assertEquals(IncidentKind.BARRIER_STUCK, entry.incident());
    assertEquals(DriverMessages.callForHelp(), entry.shown());
    // Down at last: the lane is idle again.
    entry.inputs(CLOSED_EMPTY);
    entry.expect(LaneState.IDLE, LaneCommand.Show.class);
  }

  @Test
  void aCloseTimerRunningOutAfterTheLaneReopenedForSafetyClosesNothing() {
    entry.closing();
    LaneCommand.StartTimer close = entry.the(LaneCommand.StartTimer.class);
    entry.inputs(MOVING_UNDER_ARM);
    entry.expect(
        LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.ReportIncident.class);
    entry.on(new LaneEvent.TimerFired(close.kind(), close.token()));
    entry.expect(LaneState.OPENING);
  }

  @Test
  void aBarrierThatClosesInTimeIsNotReported() {
    entry.closing();
    LaneCommand.StartTimer timer = entry.the(LaneCommand.StartTimer.class);
    entry.inputs(MOVING_EMPTY).inputs(CLOSED_EMPTY);
    entry.on(new LaneEvent.TimerFired(timer.kind(), timer.token()));
    entry.expect(LaneState.IDLE);
  }

  @Test
  void timersDoNothingWhileTheLaneIsStartingAgainAfterPowerLoss() {
    exit.opening();
    LaneCommand.StartTimer timer = exit.the(LaneCommand.StartTimer.class);
    exit.on(new LaneEvent.BarrierOffline("no answer"));
    exit.on(new LaneEvent.TimerFired(timer.kind(), timer.token()));
    exit.expect(LaneState.STARTING);
  }

  @Test
  void timingsMustBePositive() {
    Duration s = Duration.ofSeconds(1);
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new LaneTimings(s, Duration.ZERO, s));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new LaneTimings(s, s, Duration.ofSeconds(-1)));
  }
}
