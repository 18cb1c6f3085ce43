package org.parkgate.controller.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.parkgate.controller.lane.LaneScript.CLOSED_ARMED;
import static org.parkgate.controller.lane.LaneScript.CLOSED_EMPTY;
import static org.parkgate.controller.lane.LaneScript.MOVING_ARMED;
import static org.parkgate.controller.lane.LaneScript.OPEN_ARMED;
import static org.parkgate.controller.lane.LaneScript.OPEN_EMPTY;
import static org.parkgate.controller.lane.LaneScript.OPEN_UNDER_ARM;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.parkgate.money.Money;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/** Vehicles backing off in every state, plates from the camera, and free spaces at the entry. */
class LaneVehiclesTest {
  private static final Sighting CAR = new Sighting("粤B12345", "CAR", "white");

  private record BackOff(
      String situation,
      LaneKind kind,
      Consumer<LaneScript> setUp,
      BarrierInputs after,
      LaneState expected,
      List<Class<?>> commands) {}

  /** A vehicle leaving the loops in each state, and what the lane does about it. */
  @Test
  void aVehicleBackingOffIsHandledInEveryState() {
    List<BackOff> table =
        List.of(
            new BackOff(
                "idle", LaneKind.ENTRY, s -> s.idle(), CLOSED_EMPTY, LaneState.IDLE, List.of()),
            new BackOff(
                "waiting for its card",
                LaneKind.ENTRY,
                s -> s.idle().inputs(CLOSED_ARMED),
                CLOSED_EMPTY,
                LaneState.IDLE,
                List.of(LaneCommand.Show.class)),
            new BackOff(
                "checking its card",
                LaneKind.EXIT,
                LaneScript::checking,
                CLOSED_EMPTY,
                LaneState.IDLE,
                List.of(LaneCommand.Show.class)),
            new BackOff(
                "awaiting payment",
                LaneKind.EXIT,
                LaneScript::awaitingPayment,
                CLOSED_EMPTY,
                LaneState.IDLE,
                List.of(LaneCommand.Show.class)),
            // The loops cannot tell backing off from crossing between two polls: close behind.
            new BackOff(
                "opening for it",
                LaneKind.ENTRY,
                s -> s.opening().inputs(OPEN_ARMED),
                OPEN_EMPTY,
                LaneState.CLOSING,
                List.of(LaneCommand.CloseBarrier.class)),
            new BackOff(
                "passing (back onto the arming loop)",
                LaneKind.ENTRY,
                LaneScript::passing,
                OPEN_ARMED,
                LaneState.CLOSING,
                List.of(LaneCommand.CloseBarrier.class)),
            new BackOff(
                "closing behind it",
                LaneKind.ENTRY,
                s -> s.closing().inputs(MOVING_ARMED),
                LaneScript.MOVING_EMPTY,
                LaneState.CLOSING,
                List.of()),
            new BackOff(
                "held open",
                LaneKind.EXIT,
                s ->
                    s.idle()
                        .on(new LaneEvent.ModeSet(LaneMode.HELD_OPEN))
                        .inputs(OPEN_ARMED)
                        .on(new LaneEvent.CardRead("C1")),
                OPEN_EMPTY,
                LaneState.HELD_OPEN,
                List.of()));
    for (BackOff row : table) {
      LaneScript s = new LaneScript(row.kind());
      row.setUp().accept(s);
      s.inputs(row.after());
      assertEquals(row.expected(), s.lane.state(), row.situation());
      assertEquals(
          row.commands(),
          s.commands.stream()
              .filter(c -> !(c instanceof LaneCommand.StartTimer))
              .map(Object::getClass)
              .toList(),
          row.situation() + ": " + s.commands);
      if (row.expected() == LaneState.IDLE || row.expected() == LaneState.HELD_OPEN) {
        assertNull(s.lane.card(), row.situation() + ": the card is forgotten");
      }
    }
  }

  @Test
  void aVehicleThatBacksOffBeforeTheArmHasMovedLeavesTheLaneIdleAtOnce() {
    LaneScript exit = new LaneScript(LaneKind.EXIT);
    exit.opening();
    // Still on the closed limit: no limit change will come to end a closing.
    exit.inputs(CLOSED_EMPTY);
    exit.expect(
        LaneState.IDLE,
        LaneCommand.CloseBarrier.class,
        LaneCommand.RecordExit.class,
        LaneCommand.Show.class);
  }

  @Test
  void aSecondCardWhileTheFirstIsDealtWithIsRefusedAndTheFirstGoesOn() {
    LaneScript exit = new LaneScript(LaneKind.EXIT);
    exit.checking().on(new LaneEvent.CardRead("C2"));
    exit.expect(LaneState.CHECKING, LaneCommand.ReportRefusal.class);
    assertEquals("lane busy with card C1", exit.the(LaneCommand.ReportRefusal.class).reason());
    assertEquals("C1", exit.lane.card());
  }

  @Test
  void theLatestPlateSeenGoesWithTheEntryAndIsForgottenWhenTheLaneIsIdle() {
    LaneScript entry = new LaneScript(LaneKind.ENTRY);
    entry.idle().inputs(CLOSED_ARMED);
    entry.on(new LaneEvent.PlateRead(new Sighting("粤B00000", "CAR", "red")));
    entry.on(new LaneEvent.PlateRead(CAR));
    entry.on(new LaneEvent.CardRead("C1"));
    assertEquals(new LaneCommand.RecordEntry("C1", CAR), entry.the(LaneCommand.RecordEntry.class));
    entry.on(new LaneEvent.EntryRecorded("C1", 1));
    entry.inputs(OPEN_UNDER_ARM).inputs(OPEN_EMPTY).inputs(CLOSED_EMPTY);
    entry.expect(LaneState.IDLE, LaneCommand.Show.class);
    assertNull(entry.lane.visit().vehicle());
    entry.inputs(CLOSED_ARMED).on(new LaneEvent.CardRead("C2"));
    assertEquals(new LaneCommand.RecordEntry("C2", null), entry.the(LaneCommand.RecordEntry.class));
  }

  @Test
  void aPlateReadJustBeforeTheLoopSawTheVehicleGoesWithTheExitQuote() {
    LaneScript exit = new LaneScript(LaneKind.EXIT);
    exit.idle().on(new LaneEvent.PlateRead(CAR)).inputs(CLOSED_ARMED);
    exit.on(new LaneEvent.CardRead("C1"));
    assertEquals(new LaneCommand.QuoteExit("C1", CAR), exit.the(LaneCommand.QuoteExit.class));
  }

  @Test
  void aVehicleThatBacksOffTakesItsPlateWithIt() {
    LaneScript exit = new LaneScript(LaneKind.EXIT);
    exit.idle().inputs(CLOSED_ARMED).on(new LaneEvent.PlateRead(CAR)).inputs(CLOSED_EMPTY);
    assertNull(exit.lane.visit().vehicle());
  }

  @Test
  void theEntryDisplayShowsFreeSpacesAndChangesOnlyWhenTheyDo() {
    LaneScript entry = new LaneScript(LaneKind.ENTRY);
    entry.idle();
    assertEquals(DriverMessages.welcome(), entry.shown());
    entry.on(new LaneEvent.SpacesFree(12, false));
    entry.expect(LaneState.IDLE, LaneCommand.Show.class);
    assertEquals(
        List.of("欢迎光临 Welcome", "空位 12 spaces free"),
        DisplayText.in(entry.shown(), org.parkgate.site.Language.BOTH));
    assertEquals(
        List.of("Welcome", "12 spaces free"),
        DisplayText.in(entry.shown(), org.parkgate.site.Language.EN));
    assertEquals(
        List.of("欢迎光临", "空位 12"), DisplayText.in(entry.shown(), org.parkgate.site.Language.ZH));
    entry.on(new LaneEvent.SpacesFree(12, false));
    entry.expect(LaneState.IDLE);
    entry.on(new LaneEvent.SpacesFree(0, true));
    assertEquals(DriverMessages.fullSeasonCardsOnly(), entry.shown());
  }

  @Test
  void aLostCardsFeeIsAskedOnlyOfAVehicleWaitingWithoutACard() {
    Money fee = Money.of(5900, "CNY");
    LaneScript exit = new LaneScript(LaneKind.EXIT);
    exit.idle().on(new LaneEvent.LostCardQuoted(7, fee));
    exit.expect(LaneState.IDLE);
    exit.inputs(CLOSED_ARMED).on(new LaneEvent.LostCardQuoted(7, fee));
    exit.expect(LaneState.AWAITING_PAYMENT, LaneCommand.Show.class);
    assertEquals(DriverMessages.feeDue(fee), exit.shown());
    exit.on(new LaneEvent.Paid(7));
    exit.expect(LaneState.OPENING, LaneCommand.OpenBarrier.class, LaneCommand.Show.class);

    LaneScript busy = new LaneScript(LaneKind.EXIT);
    busy.checking().on(new LaneEvent.LostCardQuoted(7, fee));
    busy.expect(LaneState.CHECKING);
    LaneScript closed = new LaneScript(LaneKind.EXIT);
    closed.idle().on(new LaneEvent.ModeSet(LaneMode.CLOSED)).inputs(CLOSED_ARMED);
    closed.on(new LaneEvent.LostCardQuoted(7, fee));
    closed.expect(LaneState.WAITING_CARD);
  }

  @Test
  void aSiteWithNoLimitShowsNoCountOfSpaces() {
    LaneScript entry = new LaneScript(LaneKind.ENTRY);
    entry.idle().on(new LaneEvent.SpacesFree(12, false));
    entry.on(new LaneEvent.SpacesFree(-1, false));
    entry.expect(LaneState.IDLE, LaneCommand.Show.class);
    assertEquals(DriverMessages.welcome(), entry.shown());
  }

  @Test
  void whenFullTheEntryIssuesNoCardButASeasonCardPresentedIsStillRecorded() {
    LaneScript entry = new LaneScript(LaneKind.ENTRY);
    entry.idle().on(new LaneEvent.SpacesFree(0, true)).inputs(CLOSED_ARMED);
    entry.expect(LaneState.WAITING_CARD, LaneCommand.Show.class);
    assertEquals(DriverMessages.fullSeasonCardsOnly(), entry.shown());
    entry.on(new LaneEvent.CardRead("S1"));
    entry.expect(LaneState.CHECKING, LaneCommand.RecordEntry.class);
    entry.on(new LaneEvent.CardRefused("S1", "car park full"));
    entry.expect(LaneState.WAITING_CARD, LaneCommand.Show.class, LaneCommand.ReportRefusal.class);
  }

  @Test
  void spacesDoNotChangeWhatAnExitShowsOrABusyEntry() {
    LaneScript exit = new LaneScript(LaneKind.EXIT);
    exit.idle().on(new LaneEvent.SpacesFree(3, false));
    exit.expect(LaneState.IDLE);
    LaneScript entry = new LaneScript(LaneKind.ENTRY);
    entry.checking().on(new LaneEvent.SpacesFree(0, true));
    entry.expect(LaneState.CHECKING);
  }
}
