package org.parkgate.controller.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.lane.LaneScript.CLOSED_ARMED;
import static org.parkgate.controller.lane.LaneScript.CLOSED_EMPTY;
import static org.parkgate.controller.lane.LaneScript.FIVE;
import static org.parkgate.controller.lane.LaneScript.MOVING_EMPTY;
import static org.parkgate.controller.lane.LaneScript.OPEN_ARMED;
import static org.parkgate.controller.lane.LaneScript.OPEN_BOTH;
import static org.parkgate.controller.lane.LaneScript.OPEN_EMPTY;
import static org.parkgate.controller.lane.LaneScript.OPEN_UNDER_ARM;
import static org.parkgate.controller.lane.LaneScript.ZERO;

import org.junit.jupiter.api.Test;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/** NORMAL, HELD_OPEN, CLOSED and FREE_EXIT as the lane obeys them. */
class ModeRulesTest {
  private final LaneScript entry = new LaneScript(LaneKind.ENTRY);
  private final LaneScript exit = new LaneScript(LaneKind.EXIT);

  private static LaneEvent mode(LaneMode m) {
    return new LaneEvent.ModeSet(m);
  }

  @Test
  void heldOpenOpensTheBarrierAndNeverClosesItWhileVehiclesPass() {
    entry.idle().on(mode(LaneMode.HELD_OPEN));
    entry.expect(LaneState.HELD_OPEN, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);
    assertEquals(DriverMessages.driveThrough(), entry.shown());
    assertEquals(LaneMode.HELD_OPEN, entry.lane.mode());
    for (BarrierInputs in :
        new BarrierInputs[] {OPEN_EMPTY, OPEN_ARMED, OPEN_BOTH, OPEN_UNDER_ARM, OPEN_EMPTY}) {
      entry.inputs(in);
      entry.expect(LaneState.HELD_OPEN);
    }
  }

  @Test
  void heldOpenAtAnEntryIssuesNoCardButRecordsACardPresented() {
    entry.idle().on(mode(LaneMode.HELD_OPEN)).inputs(OPEN_EMPTY).inputs(OPEN_ARMED);
    entry.expect(LaneState.HELD_OPEN);
    entry.on(new LaneEvent.CardRead("S1"));
    entry.expect(LaneState.HELD_OPEN, LaneCommand.RecordEntry.class);
    entry.on(new LaneEvent.EntryRecorded("S1", 3));
    entry.expect(LaneState.HELD_OPEN, LaneCommand.Show.class);
    assertEquals(DriverMessages.driveIn(), entry.shown());
  }

  @Test
  void heldOpenAtAnExitRecordsTheExitOfACardWithNothingDueAsItsVehicleClears() {
    exit.idle().on(mode(LaneMode.HELD_OPEN)).inputs(OPEN_EMPTY).inputs(OPEN_ARMED);
    exit.on(new LaneEvent.CardRead("C1"));
    exit.expect(LaneState.HELD_OPEN, LaneCommand.QuoteExit.class);
    exit.on(new LaneEvent.ExitQuoted("C1", 7, ZERO));
    exit.expect(LaneState.HELD_OPEN, LaneCommand.Show.class);
    exit.inputs(OPEN_UNDER_ARM);
    exit.expect(LaneState.HELD_OPEN);
    exit.inputs(OPEN_EMPTY);
    exit.expect(LaneState.HELD_OPEN, LaneCommand.RecordExit.class, LaneCommand.Show.class);
    assertEquals(new LaneCommand.RecordExit(7), exit.the(LaneCommand.RecordExit.class));
  }

  @Test
  void heldOpenAtAnExitRecordsTheExitOfACardThatOwesSoTheSiteCanRecordItLeftUnpaid() {
    exit.idle().on(mode(LaneMode.HELD_OPEN)).inputs(OPEN_ARMED);
    exit.on(new LaneEvent.CardRead("C1")).on(new LaneEvent.ExitQuoted("C1", 7, FIVE));
    assertTrue(exit.shown().get(0).both().contains("5.00"), "the fee is shown: " + exit.shown());
    exit.inputs(OPEN_BOTH).inputs(OPEN_UNDER_ARM);
    exit.expect(LaneState.HELD_OPEN);
    exit.inputs(OPEN_EMPTY);
    exit.expect(LaneState.HELD_OPEN, LaneCommand.RecordExit.class, LaneCommand.Show.class);
    assertEquals(new LaneCommand.RecordExit(7), exit.the(LaneCommand.RecordExit.class));

    exit.inputs(OPEN_ARMED)
        .on(new LaneEvent.CardRead("C2"))
        .on(new LaneEvent.ExitQuoted("C2", 8, FIVE));
    exit.on(new LaneEvent.Paid(8));
    exit.expect(LaneState.HELD_OPEN, LaneCommand.Show.class);
    exit.inputs(OPEN_UNDER_ARM).inputs(OPEN_EMPTY);
    assertEquals(new LaneCommand.RecordExit(8), exit.the(LaneCommand.RecordExit.class));
  }

  @Test
  void heldOpenAtAnExitForgetsACardThatOwesWhenItsVehicleReversesAway() {
    exit.idle().on(mode(LaneMode.HELD_OPEN)).inputs(OPEN_ARMED);
    exit.on(new LaneEvent.CardRead("C1")).on(new LaneEvent.ExitQuoted("C1", 7, FIVE));
    exit.inputs(OPEN_BOTH).inputs(OPEN_ARMED);
    exit.expect(LaneState.HELD_OPEN);
    assertEquals(7, exit.lane.stayId(), "still at the reader, still owing");
    exit.inputs(OPEN_EMPTY);
    exit.expect(LaneState.HELD_OPEN);
    assertEquals(0, exit.lane.stayId());
  }

  @Test
  void heldOpenAtAnExitRecordsTheVehiclePastTheArmWhenTheOneBehindPresentsItsCard() {
    exit.idle().on(mode(LaneMode.HELD_OPEN)).inputs(OPEN_ARMED);
    exit.on(new LaneEvent.CardRead("C1")).on(new LaneEvent.ExitQuoted("C1", 7, FIVE));
    exit.inputs(OPEN_BOTH).inputs(OPEN_UNDER_ARM).inputs(OPEN_BOTH);
    exit.on(new LaneEvent.CardRead("C2"));
    exit.expect(LaneState.HELD_OPEN, LaneCommand.RecordExit.class, LaneCommand.QuoteExit.class);
    assertEquals(new LaneCommand.RecordExit(7), exit.the(LaneCommand.RecordExit.class));
    exit.on(new LaneEvent.ExitQuoted("C2", 8, ZERO)).inputs(OPEN_ARMED);
    exit.expect(LaneState.HELD_OPEN);
    exit.inputs(OPEN_BOTH).inputs(OPEN_UNDER_ARM).inputs(OPEN_EMPTY);
    assertEquals(new LaneCommand.RecordExit(8), exit.the(LaneCommand.RecordExit.class));
  }

  @Test
  void heldOpenRefusesACardTheSiteRefuses() {
    exit.idle().on(mode(LaneMode.HELD_OPEN)).inputs(OPEN_ARMED);
    exit.on(new LaneEvent.CardRead("X")).on(new LaneEvent.CardRefused("X", "no open stay"));
    exit.expect(LaneState.HELD_OPEN, LaneCommand.Show.class, LaneCommand.ReportRefusal.class);
  }

  @Test
  void leavingHeldOpenClosesAtOnceWhenTheSafetyLoopIsClear() {
    exit.idle().on(mode(LaneMode.HELD_OPEN)).inputs(OPEN_EMPTY);
    exit.on(mode(LaneMode.NORMAL));
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.Show.class);
    exit.inputs(MOVING_EMPTY).inputs(CLOSED_EMPTY);
    exit.expect(LaneState.IDLE, LaneCommand.Show.class);
    assertEquals(DriverMessages.insertCard(), exit.shown());
  }

  @Test
  void leavingHeldOpenWithAVehicleUnderTheArmClosesOnlyOnceItHasCleared() {
    exit.idle().on(mode(LaneMode.HELD_OPEN)).inputs(OPEN_ARMED);
    exit.on(new LaneEvent.CardRead("C1")).on(new LaneEvent.ExitQuoted("C1", 7, ZERO));
    exit.inputs(OPEN_UNDER_ARM).on(mode(LaneMode.CLOSED));
    exit.expect(LaneState.PASSING, LaneCommand.Show.class);
    assertEquals(DriverMessages.laneClosed(), exit.shown());
    exit.inputs(OPEN_EMPTY);
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.RecordExit.class);
  }

  @Test
  void heldOpenWhileAVehicleIsBeingServedOpensAndKeepsItsTransaction() {
    exit.awaitingPayment().on(mode(LaneMode.HELD_OPEN));
    exit.expect(LaneState.HELD_OPEN, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);
    exit.on(new LaneEvent.Paid(7)).inputs(OPEN_ARMED).inputs(OPEN_UNDER_ARM).inputs(OPEN_EMPTY);
    assertEquals(new LaneCommand.RecordExit(7), exit.the(LaneCommand.RecordExit.class));
  }

  @Test
  void closedShowsItIssuesNoCardAndRefusesCards() {
    entry.idle().on(mode(LaneMode.CLOSED));
    entry.expect(LaneState.IDLE, LaneCommand.Show.class);
    assertEquals(DriverMessages.laneClosed(), entry.shown());
    entry.inputs(CLOSED_ARMED);
    entry.expect(LaneState.WAITING_CARD, LaneCommand.Show.class);
    entry.on(new LaneEvent.CardRead("S1"));
    entry.expect(LaneState.WAITING_CARD, LaneCommand.Show.class, LaneCommand.ReportRefusal.class);
    assertEquals(ModeRules.CLOSED_REASON, entry.the(LaneCommand.ReportRefusal.class).reason());
  }

  @Test
  void closedWhileAVehicleWaitsForItsCardTellsItAtOnce() {
    entry.idle().inputs(CLOSED_ARMED).on(mode(LaneMode.CLOSED));
    entry.expect(LaneState.WAITING_CARD, LaneCommand.Show.class);
    assertEquals(DriverMessages.laneClosed(), entry.shown());
    // Re-opened: the waiting vehicle is offered a card again.
    entry.on(mode(LaneMode.NORMAL));
    entry.expect(LaneState.WAITING_CARD, LaneCommand.IssueCard.class, LaneCommand.Show.class);
  }

  @Test
  void closedLetsAVehicleMidTransactionFinishThenStaysDown() {
    exit.checking().on(mode(LaneMode.CLOSED));
    exit.expect(LaneState.CHECKING);
    exit.on(new LaneEvent.ExitQuoted("C1", 7, ZERO));
    exit.expect(LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);
    exit.inputs(OPEN_ARMED).inputs(OPEN_UNDER_ARM).inputs(OPEN_EMPTY);
    exit.expect(LaneState.CLOSING, LaneCommand.CloseBarrier.class, LaneCommand.RecordExit.class);
    exit.inputs(CLOSED_ARMED);
    exit.expect(LaneState.WAITING_CARD, LaneCommand.Show.class);
    assertEquals(DriverMessages.laneClosed(), exit.shown());
  }

  @Test
  void freeExitTellsTheDriverSoBehavesAsNormalAndOpensOnTheZeroQuote() {
    exit.idle().on(mode(LaneMode.FREE_EXIT));
    exit.expect(LaneState.IDLE, LaneCommand.Show.class);
    assertEquals(DriverMessages.freeExit(), exit.shown());
    exit.inputs(CLOSED_ARMED).on(new LaneEvent.CardRead("C1"));
    exit.expect(LaneState.CHECKING, LaneCommand.QuoteExit.class);
    exit.on(new LaneEvent.ExitQuoted("C1", 7, ZERO));
    exit.expect(LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);
  }

  @Test
  void aModeSetWhileStartingTakesEffectOnceTheDevicesAreRead() {
    exit.on(mode(LaneMode.HELD_OPEN));
    exit.expect(LaneState.STARTING);
    exit.inputs(CLOSED_EMPTY);
    exit.expect(LaneState.HELD_OPEN, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);
  }

  @Test
  void theSameModeAgainChangesNothing() {
    entry.idle().on(mode(LaneMode.NORMAL));
    entry.expect(LaneState.IDLE);
    entry.on(mode(LaneMode.HELD_OPEN)).on(mode(LaneMode.HELD_OPEN));
    entry.expect(LaneState.HELD_OPEN);
  }
}
