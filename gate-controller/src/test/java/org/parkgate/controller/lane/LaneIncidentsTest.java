package org.parkgate.controller.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.lane.LaneScript.CLOSED_ARMED;
import static org.parkgate.controller.lane.LaneScript.CLOSED_BOTH;
import static org.parkgate.controller.lane.LaneScript.CLOSED_EMPTY;
import static org.parkgate.controller.lane.LaneScript.CLOSED_UNDER_ARM;
import static org.parkgate.controller.lane.LaneScript.FIVE;
import static org.parkgate.controller.lane.LaneScript.MOVING_ARMED;
import static org.parkgate.controller.lane.LaneScript.MOVING_BOTH;
import static org.parkgate.controller.lane.LaneScript.MOVING_EMPTY;
import static org.parkgate.controller.lane.LaneScript.MOVING_UNDER_ARM;
import static org.parkgate.controller.lane.LaneScript.OPEN_ARMED;
import static org.parkgate.controller.lane.LaneScript.OPEN_BOTH;
import static org.parkgate.controller.lane.LaneScript.OPEN_EMPTY;
import static org.parkgate.controller.lane.LaneScript.OPEN_UNDER_ARM;
import static org.parkgate.controller.lane.LaneScript.ZERO;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/** Incidents the lane sees for itself: a lifted arm, tailgating, power lost and restored. */
class LaneIncidentsTest {
  private final LaneScript entry = new LaneScript(LaneKind.ENTRY);
  private final LaneScript exit = new LaneScript(LaneKind.EXIT);

  @Test
  void anArmLeavingItsClosedLimitWithNoCommandIsReportedOnceAndPutDown() {
    exit.idle().inputs(MOVING_EMPTY);
    exit.expect(
        LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.ReportIncident.class);
    assertEquals(IncidentKind.ARM_LIFTED_WITHOUT_TRANSACTION, exit.incident());
    exit.inputs(OPEN_EMPTY);
    exit.expect(LaneState.CLOSING);
    exit.inputs(MOVING_EMPTY).inputs(CLOSED_EMPTY);
    exit.expect(LaneState.IDLE, LaneCommand.Show.class);
    // Lifted again later: reported again.
    exit.inputs(MOVING_EMPTY);
    assertEquals(IncidentKind.ARM_LIFTED_WITHOUT_TRANSACTION, exit.incident());
  }

  @Test
  void anArmLiftedOverAVehicleIsReportedAndClosedOnlyOnceTheVehicleHasCleared() {
    entry.idle().inputs(MOVING_UNDER_ARM);
    entry.expect(LaneState.PASSING, LaneCommand.ReportIncident.class);
    entry.inputs(OPEN_UNDER_ARM);
    entry.expect(LaneState.PASSING);
    entry.inputs(OPEN_EMPTY);
    entry.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class);
  }

  @Test
  void anArmLiftedWhileACardIsQuotedIsPutDownAndTheVehicleServedAfresh() {
    exit.awaitingPayment().inputs(MOVING_ARMED);
    exit.expect(
        LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.ReportIncident.class);
    assertEquals("C1", exit.the(LaneCommand.ReportIncident.class).card());
    exit.on(new LaneEvent.Paid(7));
    exit.expect(LaneState.CLOSING);
    // The vehicle at the reader may not be the one quoted (it may have reversed away and another
    // come up while the arm was down): a card is asked for again.
    exit.inputs(CLOSED_ARMED);
    exit.expect(LaneState.WAITING_CARD, LaneCommand.Show.class);
    assertEquals(DriverMessages.insertCard(), exit.shown());
    assertEquals(0, exit.lane.stayId());
  }

  @Test
  void theArmReachingItsOpenLimitWhenItWasToldToCloseIsReported() {
    entry.closing().inputs(MOVING_EMPTY).inputs(OPEN_EMPTY);
    entry.expect(
        LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.ReportIncident.class);
    assertEquals(IncidentKind.ARM_LIFTED_WITHOUT_TRANSACTION, entry.incident());
  }

  @Test
  void anArmMovingAsCommandedOrHeldOpenIsNoIncident() {
    exit.opening().inputs(MOVING_ARMED).inputs(OPEN_ARMED);
    exit.expect(LaneState.OPENING);
    LaneScript held = new LaneScript(LaneKind.EXIT);
    held.idle().on(new LaneEvent.ModeSet(LaneMode.HELD_OPEN)).inputs(MOVING_EMPTY);
    held.expect(LaneState.HELD_OPEN);
    held.inputs(OPEN_EMPTY);
    held.expect(LaneState.HELD_OPEN);
  }

  @Test
  void aSecondVehicleOnTheArmingLoopWhileTheFirstPassesIsTailgatingAndGetsNoStay() {
    entry.passing();
    entry.inputs(OPEN_BOTH);
    entry.expect(LaneState.PASSING, LaneCommand.ReportIncident.class);
    assertEquals(IncidentKind.TAILGATING, entry.incident());
    assertEquals("C1", entry.the(LaneCommand.ReportIncident.class).card());
    // The first clears: close in front of the second; the first is inside.
    entry.inputs(OPEN_ARMED);
    entry.expect(
        LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.RecordPassage.class);
    entry.inputs(MOVING_ARMED);
    entry.expect(LaneState.CLOSING);
    // Down with the second still waiting: it is served like any arrival, with a card of its own.
    entry.inputs(CLOSED_ARMED);
    entry.expect(LaneState.WAITING_CARD, LaneCommand.IssueCard.class, LaneCommand.Show.class);
  }

  @Test
  void aSecondVehicleUnderTheClosingArmReopensItOnceFlaggedAndClosesWhenClear() {
    exit.closing();
    exit.inputs(MOVING_UNDER_ARM);
    exit.expect(LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.ReportIncident.class);
    assertEquals(IncidentKind.TAILGATING, exit.incident());
    exit.inputs(OPEN_UNDER_ARM);
    exit.expect(LaneState.PASSING);
    exit.inputs(OPEN_EMPTY);
    // No stay for the follower: no exit recorded.
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class);
    exit.inputs(MOVING_UNDER_ARM);
    exit.expect(LaneState.OPENING, LaneCommand.OpenBarrier.class);
  }

  @Test
  void aReopenAfterAStartCloseIsForSafetyNotTailgating() {
    entry.inputs(OPEN_EMPTY).inputs(MOVING_UNDER_ARM);
    entry.expect(LaneState.OPENING, LaneCommand.OpenBarrier.class);
  }

  @Test
  void theBarrierModuleGoingOfflineStartsTheLaneAgainAndItsReturnIsReported() {
    exit.awaitingPayment().on(new LaneEvent.BarrierOffline("no answer for 2000 ms"));
    exit.expect(LaneState.STARTING, LaneCommand.ReportIncident.class, LaneCommand.Show.class);
    assertEquals(IncidentKind.POWER_LOST, exit.incident());
    assertEquals(DriverMessages.outOfService(), exit.shown());
    assertEquals(BarrierInputs.UNKNOWN, exit.lane.inputs());
    // Nothing is commanded and no card served until the devices are read again.
    exit.on(new LaneEvent.Paid(7));
    exit.expect(LaneState.STARTING);
    exit.on(new LaneEvent.CardRead("C1"));
    exit.expect(LaneState.STARTING, LaneCommand.ReportRefusal.class);
    exit.on(new LaneEvent.BarrierOffline("still nothing"));
    exit.expect(LaneState.STARTING);

    exit.on(new LaneEvent.BarrierOnline(Duration.ofSeconds(42)));
    exit.expect(LaneState.STARTING, LaneCommand.ReportIncident.class);
    assertEquals(IncidentKind.POWER_RESTORED, exit.incident());
    assertTrue(exit.the(LaneCommand.ReportIncident.class).detail().contains("42 s"));
    exit.on(new LaneEvent.BarrierOnline(Duration.ofSeconds(1)));
    exit.expect(LaneState.STARTING);

    // Found up with the vehicle gone: closed before anything else.
    exit.inputs(OPEN_EMPTY);
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class);
    exit.inputs(CLOSED_ARMED);
    exit.expect(LaneState.WAITING_CARD, LaneCommand.Show.class);
  }

  @Test
  void aSettledExitCaughtByAModuleOutageIsLetThroughAndRecordedWhenTheModuleAnswersAgain() {
    exit.opening().on(new LaneEvent.BarrierOffline("coil 0 on not written"));
    exit.expect(LaneState.STARTING, LaneCommand.ReportIncident.class, LaneCommand.Show.class);
    exit.on(new LaneEvent.BarrierOnline(Duration.ofSeconds(1)));
    // Back with the arm on its way up and the driver still waiting: let through, not shut out.
    exit.inputs(MOVING_ARMED);
    exit.expect(LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);
    assertEquals(DriverMessages.thankYou(), exit.shown());
    exit.inputs(OPEN_ARMED).inputs(OPEN_BOTH).inputs(OPEN_UNDER_ARM);
    exit.expect(LaneState.PASSING);
    exit.inputs(OPEN_EMPTY);
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.RecordExit.class);
    assertEquals(new LaneCommand.RecordExit(7), exit.the(LaneCommand.RecordExit.class));
  }

  @Test
  void aSettledExitThatDroveOutWhileTheModuleWasSilentIsRecordedWhenItAnswers() {
    exit.opening().on(new LaneEvent.BarrierOffline("no answer for 2000 ms"));
    exit.inputs(OPEN_EMPTY);
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.RecordExit.class);
    assertEquals(new LaneCommand.RecordExit(7), exit.the(LaneCommand.RecordExit.class));
  }

  @Test
  void aVisitThatStillOwesIsForgottenInAnOutageAsBefore() {
    exit.awaitingPayment().on(new LaneEvent.BarrierOffline("no answer for 2000 ms"));
    exit.inputs(OPEN_EMPTY);
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class);
    assertEquals(0, exit.lane.stayId());
  }

  @Test
  void aPowerLossRecordedBeforeTheControllerStoppedIsPairedWhenTheBarrierFirstAnswers() {
    entry.lane = entry.lane.withPowerLost(true);
    entry.on(new LaneEvent.BarrierOnline(null));
    entry.expect(LaneState.STARTING, LaneCommand.ReportIncident.class);
    assertEquals(IncidentKind.POWER_RESTORED, entry.incident());
    assertTrue(
        entry.the(LaneCommand.ReportIncident.class).detail().contains("answering at start"),
        entry.the(LaneCommand.ReportIncident.class).detail());
    entry.on(new LaneEvent.BarrierOnline(null));
    entry.expect(LaneState.STARTING);
  }

  @Test
  void aModuleThatWasNeverOnlineIsNotAPowerLoss() {
    entry.on(new LaneEvent.BarrierOffline("no answer"));
    entry.expect(LaneState.STARTING);
    entry.on(new LaneEvent.BarrierOnline(Duration.ofSeconds(5)));
    entry.expect(LaneState.STARTING);
  }

  @Test
  void aVehicleThatOwesAndDrivesUnderALiftedArmHasItsExitRecordedOwing() {
    exit.awaitingPayment().inputs(MOVING_ARMED);
    exit.expect(
        LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.ReportIncident.class);
    // It noses under the arm: the barrier goes back up for safety, the fee still owed.
    exit.inputs(MOVING_BOTH);
    exit.expect(LaneState.OPENING, LaneCommand.OpenBarrier.class);
    assertEquals(FIVE, exit.lane.due());
    exit.inputs(MOVING_UNDER_ARM).inputs(OPEN_UNDER_ARM);
    exit.expect(LaneState.PASSING);
    exit.inputs(OPEN_EMPTY);
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.RecordExit.class);
    assertEquals(new LaneCommand.RecordExit(7), exit.the(LaneCommand.RecordExit.class));
  }

  @Test
  void aVehicleThatOwesAndReversesFromUnderALiftedArmIsNotRecordedAsGone() {
    exit.awaitingPayment().inputs(MOVING_ARMED).inputs(MOVING_BOTH);
    exit.expect(LaneState.OPENING, LaneCommand.OpenBarrier.class);
    exit.inputs(OPEN_BOTH).inputs(OPEN_ARMED);
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class);
    exit.inputs(MOVING_ARMED).inputs(CLOSED_ARMED);
    exit.expect(LaneState.WAITING_CARD, LaneCommand.Show.class);
    assertEquals(0, exit.lane.stayId());
  }

  @Test
  void aVehicleThatOwesLeavesUnderALiftedArmWithAnotherBehindItIsRecordedWhenTheNextCardIsRead() {
    exit.awaitingPayment().inputs(MOVING_ARMED).inputs(MOVING_BOTH);
    exit.inputs(MOVING_UNDER_ARM).inputs(OPEN_UNDER_ARM);
    exit.expect(LaneState.PASSING);
    // Another vehicle comes up behind it; then the safety loop clears.
    exit.inputs(OPEN_BOTH).inputs(OPEN_ARMED);
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class);
    exit.inputs(MOVING_ARMED).inputs(CLOSED_ARMED);
    exit.expect(LaneState.WAITING_CARD, LaneCommand.Show.class);
    // Another card: the first vehicle has gone.
    exit.on(new LaneEvent.CardRead("C2"));
    exit.expect(LaneState.CHECKING, LaneCommand.RecordExit.class, LaneCommand.QuoteExit.class);
    assertEquals(new LaneCommand.RecordExit(7), exit.the(LaneCommand.RecordExit.class));
  }

  @Test
  void aVehicleThatOwesReversesFromPastALiftedArmToTheReaderAndIsQuotedAgainNotRecorded() {
    exit.awaitingPayment().inputs(MOVING_ARMED).inputs(MOVING_BOTH);
    exit.inputs(MOVING_UNDER_ARM).inputs(OPEN_UNDER_ARM).inputs(OPEN_BOTH).inputs(OPEN_ARMED);
    exit.inputs(MOVING_ARMED).inputs(CLOSED_ARMED);
    exit.on(new LaneEvent.CardRead("C1"));
    exit.expect(LaneState.CHECKING, LaneCommand.QuoteExit.class);
  }

  @Test
  void aLateAnswerForACardThatBackedAwayIsNotTakenForTheNextCard() {
    exit.checking().inputs(CLOSED_EMPTY);
    exit.expect(LaneState.IDLE, LaneCommand.Show.class);
    exit.inputs(CLOSED_ARMED).on(new LaneEvent.CardRead("C2"));
    exit.expect(LaneState.CHECKING, LaneCommand.QuoteExit.class);
    exit.on(new LaneEvent.ExitQuoted("C1", 7, ZERO));
    exit.expect(LaneState.CHECKING);
    exit.on(new LaneEvent.CardRefused("C1", "late"));
    exit.expect(LaneState.CHECKING);
    exit.on(new LaneEvent.ExitQuoted("C2", 8, ZERO));
    exit.expect(LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);
  }

  @Test
  void aVehicleThatOwesAndDrivesPastABarrierThatReadsClosedHasItsExitRecordedOwing() {
    // The arm is broken off: the limits say closed while the vehicle drives through.
    exit.awaitingPayment().inputs(CLOSED_BOTH).inputs(CLOSED_UNDER_ARM);
    exit.expect(LaneState.AWAITING_PAYMENT);
    exit.inputs(CLOSED_EMPTY);
    exit.expect(LaneState.IDLE, LaneCommand.RecordExit.class, LaneCommand.Show.class);
    assertEquals(new LaneCommand.RecordExit(7), exit.the(LaneCommand.RecordExit.class));
    assertEquals(0, exit.lane.stayId());
  }

  @Test
  void aVehicleThatOwesAndReversesOffTheLoopsIsForgottenWithNothingRecorded() {
    exit.awaitingPayment().inputs(CLOSED_BOTH).inputs(CLOSED_ARMED).inputs(CLOSED_EMPTY);
    exit.expect(LaneState.IDLE, LaneCommand.Show.class);
  }
}
